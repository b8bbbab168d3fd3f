-- The audit trail of supersession: every delivered figure that a later delivery replaced, with
-- the file and date that replaced it.
with final as (
    select
        r.gemeente_code,
        r.periode,
        r.jaar,
        r.indicator,
        r.doelgroep,
        r.teller,
        r.noemer,
        r.waarde,
        b.bestand,
        r.rij,
        r.leverdatum,
        n.bestand as vervangen_door,
        n.leverdatum as vervangen_op
    from int_rijen_geldig as r
    join stg_bestanden as b using (levering_id)
    join stg_bestanden as n on n.levering_id = r.vervangen_door_levering_id
    where r.rang > 1
    order by r.gemeente_code, r.indicator, r.doelgroep, r.jaar, r.leverdatum
)

select * from final
