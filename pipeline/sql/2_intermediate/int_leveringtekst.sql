-- The free text of every delivered row, trimmed as the typed rows are and without control
-- characters (pipeline/intake/control.py: line breaks and tabs become a space, the rest goes),
-- so that no output — extract, dashboard, report — ever carries one. A view: only the rows in
-- force ever read it, in `waarnemingen`, so it is never stored for every row.
with final as (
    select
        levering_id,
        rij,
        nullif(trim(regexp_replace(regexp_replace(bron, {{ control_spaces }}, ' ', 'g'), {{ control_pattern }}, '', 'g'),
            {{ whitespace }}), '') as bron,
        nullif(trim(regexp_replace(regexp_replace(opmerking, {{ control_spaces }}, ' ', 'g'), {{ control_pattern }}, '',
            'g'), {{ whitespace }}), '') as opmerking
    from stg_leveringrijen
)

select * from final
