-- The free text of every delivered row in force (int_in_gebruik), trimmed as the typed rows are and
-- without control characters (pipeline/intake/control.py: line breaks and tabs become a space, the
-- rest goes), so that no output — extract, dashboard, report — ever carries one. Only the rows in
-- force ever read it (`int_waarnemingen`), so only theirs are cleaned and stored: cleaning the
-- text of every delivered row cost a tenth of a build on the stress set.
with final as (
    select
        levering_id,
        rij,
        nullif(trim(regexp_replace(regexp_replace(bron, {{ control_spaces }}, ' ', 'g'), {{ control_pattern }}, '', 'g'),
            {{ whitespace }}), '') as bron,
        nullif(trim(regexp_replace(regexp_replace(opmerking, {{ control_spaces }}, ' ', 'g'), {{ control_pattern }}, '',
            'g'), {{ whitespace }}), '') as opmerking
    from stg_leveringrijen
    semi join int_in_gebruik using (levering_id, rij)
)

select * from final
