-- Residential burglaries registered by the police (CBS/Politie 47018NED, offence 1.1.1), with
-- CBS's provisional flag and the row number in the reference file for lineage.
with bron as (
    select *, row_number() over () + 1 as rij
    from read_csv(
        {{ burglary_file }},
        header = true, auto_detect = false,
        columns = {
            'gemeentecode': 'VARCHAR', 'gemeentenaam': 'VARCHAR', 'jaar': 'INTEGER',
            'soort_misdrijf_code': 'VARCHAR', 'soort_misdrijf': 'VARCHAR', 'offence_en': 'VARCHAR',
            'aantal_geregistreerd': 'BIGINT', 'voorlopig': 'INTEGER'
        }
    )
),
final as (
    select
        gemeentecode as gemeente_code,
        jaar,
        aantal_geregistreerd as aantal,
        voorlopig = 1 as voorlopig,
        rij
    from bron
    where soort_misdrijf_code = '1.1.1'
)
select * from final
