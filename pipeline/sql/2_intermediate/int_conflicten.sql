-- Two deliveries with the same date that give different figures for the same key: neither can
-- supersede the other, so every row of such a group is set aside as a conflict. (The same key
-- twice within one delivery is a rule of the schema: `sleutel.uniek`.) Only files that share
-- their delivery date with another file of the same municipality can conflict, so only their
-- rows are compared.
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

final as (
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
)

select * from final
