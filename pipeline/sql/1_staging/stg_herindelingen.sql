-- The municipal reorganisations (herindelingen) 2010–2025 as reference data: which code went
-- into which on what date, and how (samenvoeging, toevoeging, naamswijziging, splitsing; a split
-- municipality has one row per municipality that received a part). Only renamed and cast.
with bron as (
    select *
    from read_csv(
        {{ reorganisation_file }},
        header = true, auto_detect = false,
        columns = {
            'datum': 'DATE', 'gemeentecode_oud': 'VARCHAR', 'gemeentenaam_oud': 'VARCHAR',
            'gemeentecode_nieuw': 'VARCHAR', 'gemeentenaam_nieuw': 'VARCHAR', 'soort': 'VARCHAR'
        }
    )
),
final as (
    select
        datum,
        gemeentecode_oud as gemeente_code_oud,
        gemeentenaam_oud as gemeente_naam_oud,
        gemeentecode_nieuw as gemeente_code_nieuw,
        gemeentenaam_nieuw as gemeente_naam_nieuw,
        soort
    from bron
)
select * from final
