-- Conflicts, set aside in quarantine on both sides:
-- * two deliveries with the same date that give different figures for the same key: neither can
--   supersede the other, so every row of such a group is set aside. (The same key twice within
--   one delivery is a rule of the schema: `sleutel.uniek`.) Only files that share their delivery
--   date with another file of the same municipality can conflict, so only their rows are compared;
-- * a later municipality's back series for a year before it existed (stg_gemeente_jaar: status
--   'terugreeks') and a figure for the same period, indicator and doelgroep from a municipality
--   of that year whose area it covers: the same area would be counted twice (CONTRACT §1).
with zelfde_datum as (
    select b.levering_id
    from stg_bestanden as b
    join stg_bestanden as o
        on o.leverdatum = b.leverdatum
        and o.levering_id <> b.levering_id
        and (o.map_code = b.map_code or o.map_code is null or b.map_code is null)
    where b.status = 'geaccepteerd' and o.status = 'geaccepteerd'
),

kandidaten as (
    select r.*
    from int_rijen_geldig as r
    semi join zelfde_datum using (levering_id)
),

botsend as (
    select gemeente_code, periode, indicator, doelgroep, leverdatum
    from kandidaten
    group by all
    having min(teller) <> max(teller)
        or min(coalesce(noemer, -1)) <> max(coalesce(noemer, -1))
),

namen as (
    select gemeente_code, arg_max(gemeente_naam, jaar) as naam from stg_gemeenten group by gemeente_code
),

terugreeks as (
    select r.levering_id, r.rij, r.gemeente_code, r.periode, r.indicator, r.doelgroep,
        unnest(gj.voorgangers) as voorganger
    from int_rijen_geldig as r
    join stg_gemeente_jaar as gj on gj.gemeente_code = r.gemeente_code and gj.jaar = r.jaar
    where gj.status = 'terugreeks'
),

dubbel_gebied as (
    select
        t.levering_id as t_levering_id, t.rij as t_rij, t.gemeente_code as t_code,
        v.levering_id as v_levering_id, v.rij as v_rij, v.gemeente_code as v_code,
        t.periode, t.indicator, t.doelgroep
    from terugreeks as t
    join int_rijen_geldig as v
        on v.gemeente_code = t.voorganger and v.periode = t.periode
        and v.indicator = t.indicator and v.doelgroep = t.doelgroep
),

twee_terugreeksen as (
    -- two later municipalities whose back series cover the same municipality of that year
    -- (Molenwaard and Molenlanden for 2011): the same area twice
    select distinct a.levering_id, a.rij, a.gemeente_code, a.periode, a.indicator, a.doelgroep,
        n.naam || ' (' || b.gemeente_code || ')' as ander
    from terugreeks as a
    join terugreeks as b
        on b.voorganger = a.voorganger and b.periode = a.periode and b.indicator = a.indicator
        and b.doelgroep = a.doelgroep and b.gemeente_code <> a.gemeente_code
    join namen as n on n.gemeente_code = b.gemeente_code
),

met_namen as (
    select d.*, nt.naam || ' (' || d.t_code || ')' as t_naam, nv.naam || ' (' || d.v_code || ')' as v_naam
    from dubbel_gebied as d
    join namen as nt on nt.gemeente_code = d.t_code
    join namen as nv on nv.gemeente_code = d.v_code
),

kant_terugreeks as (
    select t_levering_id as levering_id, t_rij as rij, t_code as gemeente_code, periode, indicator, doelgroep,
        string_agg(distinct v_naam, ', ' order by v_naam) as anderen
    from met_namen
    group by all
),

kant_voorganger as (
    select v_levering_id as levering_id, v_rij as rij, v_code as gemeente_code, periode, indicator, doelgroep,
        string_agg(distinct t_naam, ', ' order by t_naam) as anderen
    from met_namen
    group by all
),

terugreeks_conflict as (
    select
        levering_id, rij, gemeente_code, periode, indicator, doelgroep, 1001 as volgorde,
        'gemeente_code+periode+indicator+doelgroep' as kolom, 'sleutel.conflict_herindeling' as regel,
        'conflict: dit cijfer voor ' || periode || ' is een terugreeks voor het latere gebied van deze '
            || 'gemeente, maar de gemeente(n) van toen leverden het ook: ' || anderen
            || '; lever het gebied één keer' as reden
    from kant_terugreeks
    union all
    select
        levering_id, rij, gemeente_code, periode, indicator, doelgroep, 1001,
        'gemeente_code+periode+indicator+doelgroep', 'sleutel.conflict_herindeling',
        'conflict: dit gebied is voor ' || periode || ' ook geleverd als terugreeks van ' || anderen
            || ', de gemeente waarin het later opging; lever het gebied één keer'
    from kant_voorganger
    union all
    select
        levering_id, rij, gemeente_code, periode, indicator, doelgroep, 1001,
        'gemeente_code+periode+indicator+doelgroep', 'sleutel.conflict_herindeling',
        'conflict: dit cijfer voor ' || periode || ' is een terugreeks voor een gebied dat ook in de terugreeks van '
            || string_agg(distinct ander, ', ' order by ander) || ' zit; lever het gebied één keer'
    from twee_terugreeksen
    group by levering_id, rij, gemeente_code, periode, indicator, doelgroep
),

zelfde_datum_conflict as (
    select
        r.levering_id,
        r.rij,
        r.gemeente_code,
        r.periode,
        r.indicator,
        r.doelgroep,
        1000 as volgorde,
        'gemeente_code+periode+indicator+doelgroep' as kolom,
        'sleutel.conflict_zelfde_datum' as regel,
        'conflict: een andere levering met dezelfde leverdatum ('
            || strftime(r.leverdatum, '%d-%m-%Y')
            || ') geeft voor deze gemeente, periode, indicator en doelgroep een ander cijfer'
            as reden
    from kandidaten as r
    semi join botsend using (gemeente_code, periode, indicator, doelgroep, leverdatum)
),

final as (
    select * from zelfde_datum_conflict
    union all
    select * from terugreeks_conflict
)

select * from final
