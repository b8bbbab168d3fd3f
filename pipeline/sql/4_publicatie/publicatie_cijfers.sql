-- What is published of every figure (CONTRACT §3), on the latest CBS classification: teller, noemer
-- and waarde empty where the cell is suppressed (pub_cellen), with the reason. `volledig` false: the
-- figure lacks part of its municipality's present area (`toelichting_indeling` says which);
-- `omzetbaar` false: a municipality that was split, shown apart; `in_totalen`: the figure counts in
-- the totals over municipalities and in the analyses. `kloof` is the gap roma − totaal of the same
-- gemeente, periode and indicator, on the roma row, for rates, only where both cells are published.
with cellen as (
    select * from pub_cellen
),

totaal as (
    select gemeente_code, periode, indicator, waarde, onderdrukt
    from cellen
    where doelgroep = 'totaal'
),

final as (
    select
        c.gemeente_code,
        g.gemeente_naam,
        c.periode,
        c.jaar,
        i.domein,
        c.indicator,
        c.doelgroep,
        case when not c.onderdrukt then c.teller end as teller,
        case when not c.onderdrukt then c.noemer end as noemer,
        case when not c.onderdrukt then c.waarde end as waarde,
        c.onderdrukt,
        c.reden_onderdrukt,
        c.voorlopig,
        c.herkomst,
        c.bron,
        c.groep,
        c.volledig,
        c.omzetbaar,
        c.in_analyses as in_totalen,
        c.toelichting_indeling,
        case
            when c.doelgroep <> 'totaal' and c.is_verhouding and not c.onderdrukt and not t.onderdrukt
                then c.waarde - t.waarde
        end as kloof
    from cellen as c
    join indicatoren as i using (indicator)
    join gemeenten as g using (gemeente_code)
    left join totaal as t using (gemeente_code, periode, indicator)
    order by c.gemeente_code, i.volgorde, c.doelgroep, c.jaar
)

select * from final
