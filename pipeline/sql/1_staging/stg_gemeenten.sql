-- The CBS municipal register (gemeentelijke indeling) per year, as published: one row per
-- municipality and year. Only renamed and cast.
with bron as (
    select *
    from read_csv(
        {{ register_file }},
        header = true, auto_detect = false, filename = false,
        columns = {
            'jaar': 'INTEGER', 'gemeentecode': 'VARCHAR', 'gemeentenaam': 'VARCHAR',
            'provinciecode': 'VARCHAR', 'provincienaam': 'VARCHAR', 'begindatum': 'DATE',
            'einddatum': 'DATE', 'actief_op_1_jan': 'INTEGER'
        }
    )
),
final as (
    select
        gemeentecode as gemeente_code,
        jaar,
        gemeentenaam as gemeente_naam,
        provinciecode as provincie_code,
        provincienaam as provincie,
        begindatum,
        einddatum,
        actief_op_1_jan = 1 as actief
    from bron
)
select * from final
