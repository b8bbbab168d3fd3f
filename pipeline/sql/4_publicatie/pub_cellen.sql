-- Every figure in force, on the latest CBS classification (`waarnemingen_indeling`: merged
-- predecessors added to their successor, splits apart and marked), with the decision whether it may
-- be published (CONTRACT §4), in one place:
--   primary rule: a cell of a protected doelgroep (roma) with teller 1–4, noemer < 10, or
--     noemer − teller 1–4 (thresholds from settings.toml [onthulling]);
--   secondary rule: a cell the disclosure audit chose to hide as well, so that a published total
--     over municipalities cannot narrow a hidden cell (`pub_extra`, written by
--     stages/publication.py);
--   totaal rule: a `totaal` cell beside a hidden roma cell of the same gemeente, periode and
--     indicator, whose teller, noemer or noemer − teller lies within the primary thresholds
--     (0 included): roma is part of totaal, so such a totaal would bound the roma cell tightly.
-- The working data stay whole; this table is read only by the other publication models and the
-- audit, never by an output.
with cellen as (
    select
        w.gemeente_code,
        w.periode,
        w.jaar,
        w.indicator,
        w.doelgroep,
        w.teller,
        w.noemer,
        w.waarde,
        w.voorlopig,
        w.herkomst,
        w.bron,
        w.volledig,
        w.omzetbaar,
        w.in_analyses,
        w.toelichting as toelichting_indeling,
        i.vermenigvuldiger,
        w.noemer is not null as is_verhouding,
        case when g.proeftuin then {{ proeftuinen }} else {{ overige }} end as groep,
        list_contains({{ beschermd }}, w.doelgroep) as beschermd,
        coalesce(
            w.teller between {{ teller_min }} and {{ teller_max }}
            or w.noemer < {{ min_noemer }}
            or w.noemer - w.teller between {{ teller_min }} and {{ teller_max }},
            false
        ) as klein,
        coalesce(
            w.teller <= {{ teller_max }}
            or w.noemer < {{ min_noemer }}
            or w.noemer - w.teller <= {{ teller_max }},
            false
        ) as bijna_klein
    from waarnemingen_indeling as w
    join indicatoren as i using (indicator)
    join gemeenten as g using (gemeente_code)
),

extra as (
    select gemeente_code, periode, indicator, doelgroep, true as extra from pub_extra
),

gemarkeerd as (
    select c.*, coalesce(e.extra, false) as extra
    from cellen as c
    left join extra as e using (gemeente_code, periode, indicator, doelgroep)
),

roma_verborgen as (
    select distinct gemeente_code, periode, indicator
    from gemarkeerd
    where beschermd and (klein or extra)
),

final as (
    select
        c.* exclude (bijna_klein),
        case
            when c.beschermd and c.klein then {{ reden_klein }}
            when c.extra then {{ reden_beschermt }}
            when not c.beschermd and r.gemeente_code is not null and c.bijna_klein then {{ reden_totaal }}
        end as reden_onderdrukt
    from gemarkeerd as c
    left join roma_verborgen as r using (gemeente_code, periode, indicator)
)

select *, reden_onderdrukt is not null as onderdrukt from final
