-- The audit trail of supersession: every valid delivered figure that a later delivery of the
-- same key replaced, with its file, row and delivery date. (The figure in force for the key is
-- in `waarnemingen`; the whole history of a key is both tables ordered by `leverdatum`.)
with vervangen as (
    select r.*
    from int_rijen_geldig as r
    anti join int_in_gebruik using (levering_id, rij)
    anti join int_quarantaine using (levering_id, rij)
),

final as (
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
        r.levering_id
    from vervangen as r
    join stg_bestanden as b using (levering_id)
)

select * from final
