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
        not is_verhouding as is_aantal,  -- stg_indicatoren: pipeline/vocabulary.py's is_rate
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
