-- Every figure in force on the CBS municipal classification of the latest year the register holds
-- (CONTRACT §1, herindelingen): what the analyses, the map and the publication layer read.
--
-- * A municipality that went whole into another (merged, added, renamed) is added to its successor
--   on the latest classification: teller and noemer summed per period, indicator and doelgroep.
--   `geleverde_codes` lists the delivered codes a figure sums; `omgezet` says it was converted.
-- * A figure delivered under the later code for a year before that municipality existed (a back
--   series for its later area) stands for the whole later area (its predecessors' own figures for
--   that key are in quarantine as a conflict, so no area is counted twice).
-- * A municipality that was split stays under its own code, `omzetbaar` false: its figure cannot
--   be divided over the municipalities that received its parts.
-- * Whole or not: `verwacht` (stg_indeling_gebied) are the municipalities of that year that went
--   whole into the later one. Where some of them delivered nothing for the key (`ontbreekt`), or
--   a split municipality gave the area a part (`deel_van_gesplitst`), the figure is not whole
--   (`volledig` false) and `ontbrekend_aandeel` says what share of the inhabitants (CBS 70072ned,
--   the nearest year CBS has) is missing. Such a figure is used by the analyses (`in_analyses`)
--   only when that share is at most the setting `herindeling.max_ontbrekend_aandeel` — the size
--   below which the Wet arhi calls a change of area a boundary correction — and never as if whole.
-- * CBS figures (herkomst 'cbs') are CBS's own series on the latest classification: as they are.
with w as (
    select * from int_waarnemingen
),

geleverd as (
    select
        w.*,
        gj.status,
        gj.voorgangers,
        l.laatste_code,
        coalesce(l.omzetbaar, true) as omzetbaar
    from w
    left join stg_gemeente_jaar as gj on gj.gemeente_code = w.gemeente_code and gj.jaar = w.jaar
    left join stg_indeling_laatste as l on l.gemeente_code = w.gemeente_code
    where w.herkomst = 'levering'
),

som as (
    select
        laatste_code as gemeente_code,
        periode,
        any_value(jaar) as jaar,
        indicator,
        doelgroep,
        sum(teller) as teller,
        case when count(noemer) = count(*) then sum(noemer) end as noemer,
        string_agg(distinct bestand, '; ' order by bestand) as bestand,
        case when count(*) = 1 then any_value(rij) end as rij,
        max(leverdatum) as leverdatum,
        string_agg(distinct bron, '; ' order by bron) as bron,
        case when count(distinct peildatum) = 1 then any_value(peildatum) end as peildatum,
        case when count(*) = 1 then any_value(opmerking) end as opmerking,
        'levering' as herkomst,
        false as voorlopig,
        any_value(domein) as domein,
        list_sort(list(gemeente_code)) as geleverde_codes,
        list_distinct(flatten(list(case when status = 'terugreeks' then voorgangers else [gemeente_code] end)))
            as gedekt
    from geleverd
    where omzetbaar
    group by laatste_code, periode, indicator, doelgroep
),

omgezet as (
    select
        s.* exclude (gedekt),
        s.geleverde_codes <> [s.gemeente_code] as omgezet,
        true as omzetbaar,
        list_sort(list_filter(coalesce(g.verwacht, []), lambda x: not list_contains(s.gedekt, x))) as ontbreekt,
        list_sort(list_filter(coalesce(g.gesplitst, []), lambda x: not list_contains(s.gedekt, x)))
            as deel_van_gesplitst,
        coalesce(g.verwacht, []) || coalesce(g.gesplitst, []) as gebied
    from som as s
    left join stg_indeling_gebied as g on g.gemeente_code = s.gemeente_code and g.jaar = s.jaar
),

aandeel as (
    select
        o.gemeente_code, o.periode, o.indicator, o.doelgroep,
        sum(b.bevolking) filter (where list_contains(o.ontbreekt || o.deel_van_gesplitst, d.code)) as ontbrekend,
        sum(b.bevolking) as totaal,
        count(*) filter (where b.bevolking is null) as onbekend
    from omgezet as o, unnest(o.gebied) as d(code)
    left join stg_bevolking_dichtst as b on b.gemeente_code = d.code and b.jaar = o.jaar
    where len(o.ontbreekt) + len(o.deel_van_gesplitst) > 0
    group by all
),

delen as (
    select
        o.* exclude (gebied),
        len(o.ontbreekt) + len(o.deel_van_gesplitst) = 0 as volledig,
        case
            when len(o.ontbreekt) + len(o.deel_van_gesplitst) = 0 then 0.0
            when a.onbekend = 0 and a.totaal > 0 then coalesce(a.ontbrekend, 0) / a.totaal
        end as ontbrekend_aandeel
    from omgezet as o
    left join aandeel as a using (gemeente_code, periode, indicator, doelgroep)
),

apart as (
    select
        g.* exclude (status, voorgangers, laatste_code, omzetbaar),
        [g.gemeente_code] as geleverde_codes,
        false as omgezet,
        false as omzetbaar,
        cast([] as varchar[]) as ontbreekt,
        cast([] as varchar[]) as deel_van_gesplitst,
        false as volledig,
        cast(null as double) as ontbrekend_aandeel
    from geleverd as g
    where not g.omzetbaar
),

cbs as (
    select
        w.*,
        [w.gemeente_code] as geleverde_codes,
        false as omgezet,
        true as omzetbaar,
        cast([] as varchar[]) as ontbreekt,
        cast([] as varchar[]) as deel_van_gesplitst,
        true as volledig,
        0.0 as ontbrekend_aandeel
    from w
    where w.herkomst = 'cbs'
),

alles as (
    select * from delen
    union all by name
    select * from apart
    union all by name
    select * from cbs
),

final as (
    select
        a.gemeente_code,
        a.periode,
        a.jaar,
        a.indicator,
        a.doelgroep,
        a.teller,
        a.noemer,
        case
            when i.is_verhouding then a.teller / a.noemer * i.vermenigvuldiger
            else a.teller
        end as waarde,
        a.bestand,
        a.rij,
        a.leverdatum,
        a.bron,
        a.peildatum,
        a.opmerking,
        a.herkomst,
        a.voorlopig,
        a.domein,
        {{ indeling_jaar }} as indeling_jaar,
        a.geleverde_codes,
        a.omgezet,
        a.omzetbaar,
        a.volledig,
        a.ontbreekt,
        a.deel_van_gesplitst,
        a.ontbrekend_aandeel,
        a.omzetbaar and (a.volledig or coalesce(a.ontbrekend_aandeel <= {{ max_ontbrekend_aandeel }}, false))
            as in_analyses,
        case
            when not a.omzetbaar then 'gesplitste gemeente: niet om te zetten naar de indeling van '
                || {{ indeling_jaar }} || ' (de cijfers blijven onder de eigen code)'
            when not a.volledig then 'niet het hele gebied: '
                || case when len(a.ontbreekt) > 0 then 'geen cijfer van ' || array_to_string(a.ontbreekt, ', ')
                   else '' end
                || case when len(a.ontbreekt) > 0 and len(a.deel_van_gesplitst) > 0 then '; ' else '' end
                || case when len(a.deel_van_gesplitst) > 0
                   then 'zonder het deel van ' || array_to_string(a.deel_van_gesplitst, ', ') else '' end
        end as toelichting
    from alles as a
    join stg_indicatoren as i using (indicator)
    where a.teller is not null
    order by a.gemeente_code, i.volgorde, a.doelgroep, a.jaar
)

select * from final
