-- Delivery rows that broke no rule, with their value computed (a view: read by the models and
-- marts that follow). `volgorde` orders the deliveries of a key in time: the later delivery date
-- supersedes the earlier; on equal dates, the later file name.
with geldig as (
    select r.*, b.leverdatum, i.is_verhouding as ind_is_rate, i.vermenigvuldiger as ind_vermenigvuldiger
    from int_leveringrijen as r
    join stg_bestanden as b using (levering_id)
    join stg_indicatoren as i using (indicator)
    anti join int_meldingen as m using (levering_id, rij)
),

final as (
    select
        levering_id,
        rij,
        leverdatum,
        gemeente_code,
        periode,
        jaar,
        indicator,
        doelgroep,
        cast(teller as bigint) as teller,
        case when ind_is_rate then cast(noemer as bigint) end as noemer,
        case
            when ind_is_rate then teller / noemer * ind_vermenigvuldiger
            else teller
        end as waarde,
        peildatum,
        -- days since 2000 × 2^32 + file: no overflow for any date up to 9999-12-31
        cast(date_diff('day', date '2000-01-01', leverdatum) as bigint) * 4294967296 + levering_id as volgorde
    from geldig
)

select * from final
