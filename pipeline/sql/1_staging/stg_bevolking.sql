-- Average population per municipality and year (CBS 70072ned), real open data.
with bron as (
    select *
    from read_csv(
        {{ population_file }},
        header = true, auto_detect = false,
        columns = {
            'gemeentecode': 'VARCHAR', 'gemeentenaam': 'VARCHAR', 'jaar': 'INTEGER',
            'gemiddelde_bevolking': 'BIGINT'
        }
    )
),
final as (
    select
        gemeentecode as gemeente_code,
        jaar,
        gemiddelde_bevolking as bevolking
    from bron
)
select * from final
