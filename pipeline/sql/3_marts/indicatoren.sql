-- The indicator catalogue (data/raw/reference/indicatoren.toml) as researchers query it.
with final as (
    select
        indicator,
        domein,
        domein_naam,
        naam,
        definitie,
        eenheid,
        vermenigvuldiger,
        vermenigvuldiger = 1 as is_aantal,
        periodetype,
        richting,
        streefwaarde,
        bron,
        noemer_omschrijving,
        volgorde
    from stg_indicatoren
    order by volgorde
)

select * from final
