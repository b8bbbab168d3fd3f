-- Baseline against latest per gemeente × indicator × doelgroep (CONTRACT §3), published: where the
-- baseline or the latest cell is suppressed, its own figures are empty, and so is everything
-- derived from it — difference, interval, p-value, target reached — and the status is
-- 'onderdrukt' (even 'onvoldoende gegevens' would say something about a hidden cell).
with vergelijking as (
    select * from vergelijking_nulmeting
),

cellen as (
    select gemeente_code, periode, indicator, doelgroep, onderdrukt from pub_cellen
),

gemarkeerd as (
    select
        v.*,
        coalesce(b.onderdrukt, false) as nulmeting_onderdrukt,
        coalesce(l.onderdrukt, false) as laatste_onderdrukt
    from vergelijking as v
    left join cellen as b
        on b.gemeente_code = v.gemeente_code and b.indicator = v.indicator
        and b.doelgroep = v.doelgroep and b.periode = v.nulmeting_periode
    left join cellen as l
        on l.gemeente_code = v.gemeente_code and l.indicator = v.indicator
        and l.doelgroep = v.doelgroep and l.periode = v.laatste_periode
),

final as (
    select
        v.gemeente_code,
        g.gemeente_naam,
        v.indicator,
        v.doelgroep,
        v.nulmeting_jaar,
        v.nulmeting_periode,
        case when not v.nulmeting_onderdrukt then v.nulmeting_teller end as nulmeting_teller,
        case when not v.nulmeting_onderdrukt then v.nulmeting_noemer end as nulmeting_noemer,
        case when not v.nulmeting_onderdrukt then v.nulmeting_waarde end as nulmeting_waarde,
        v.nulmeting_onderdrukt,
        v.laatste_jaar,
        v.laatste_periode,
        case when not v.laatste_onderdrukt then v.laatste_teller end as laatste_teller,
        case when not v.laatste_onderdrukt then v.laatste_noemer end as laatste_noemer,
        case when not v.laatste_onderdrukt then v.laatste_waarde end as laatste_waarde,
        v.laatste_onderdrukt,
        case when not o.onderdrukt then v.verschil end as verschil,
        case when not o.onderdrukt then v.verschil_laag end as verschil_laag,
        case when not o.onderdrukt then v.verschil_hoog end as verschil_hoog,
        case when not o.onderdrukt then v.relatief_verschil end as relatief_verschil,
        case when not o.onderdrukt then v.p_waarde end as p_waarde,
        v.toets,
        v.streefwaarde,
        case when not v.laatste_onderdrukt then v.streefwaarde_bereikt end as streefwaarde_bereikt,
        case when o.onderdrukt then {{ onderdrukt }} else v.status end as status,
        o.onderdrukt,
        case when o.onderdrukt then {{ reden_afgeleid }} end as reden_onderdrukt
    from gemarkeerd as v
    cross join lateral (select v.nulmeting_onderdrukt or v.laatste_onderdrukt as onderdrukt) as o
    join gemeenten as g using (gemeente_code)
    join indicatoren as i using (indicator)
    order by v.gemeente_code, i.volgorde, v.doelgroep
)

select * from final
