-- The municipal reorganisations 2010–2025 as researchers query them (reference data, with its
-- source in data/raw/reference/SOURCES.md): one row per old code and new code.
with final as (
    select datum, gemeente_code_oud, gemeente_naam_oud, gemeente_code_nieuw, gemeente_naam_nieuw, soort
    from stg_herindelingen
    order by datum, gemeente_code_nieuw, gemeente_code_oud
)

select * from final
