-- Two deliveries with the same date that give different figures for the same key: neither can
-- supersede the other, so every row of such a pair is set aside as a conflict. (The same key
-- twice within one delivery is a rule of the schema: `sleutel.uniek`.)
with zonder_melding as (
    select r.*
    from int_leveringrijen as r
    anti join int_meldingen as m using (levering_id, rij)
),

botsend as (
    select gemeente_code, periode, indicator, doelgroep, leverdatum
    from zonder_melding
    group by all
    having count(distinct levering_id) > 1
        and (min(teller) <> max(teller)
             or min(coalesce(noemer, -1)) <> max(coalesce(noemer, -1)))
),

final as (
    select
        r.levering_id,
        r.rij,
        1000 as volgorde,
        'gemeente_code+periode+indicator+doelgroep' as kolom,
        'sleutel.conflict_zelfde_datum' as regel,
        'conflict: een andere levering met dezelfde leverdatum ('
            || strftime(r.leverdatum, '%d-%m-%Y')
            || ') geeft voor deze gemeente, periode, indicator en doelgroep een ander cijfer'
            as reden
    from zonder_melding as r
    semi join botsend using (gemeente_code, periode, indicator, doelgroep, leverdatum)
)

select * from final
