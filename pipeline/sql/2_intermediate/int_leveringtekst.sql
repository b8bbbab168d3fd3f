-- The free text of every delivered row, trimmed as the typed rows are (a view: only the rows in
-- force ever read it, in `waarnemingen`, so it is never stored for every row).
with final as (
    select
        levering_id,
        rij,
        nullif(trim(bron, {{ whitespace }}), '') as bron,
        nullif(trim(opmerking, {{ whitespace }}), '') as opmerking
    from stg_leveringrijen
)

select * from final
