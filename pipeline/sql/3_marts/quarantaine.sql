-- One row per rejected delivery row, with the file, row number (as Excel numbers it), the
-- column and the reason in Dutch. Rows of refused files are not here: see `leveringen`.
with final as (
    select
        b.bestand,
        b.map_code as gemeente_code,
        q.rij,
        q.kolom,
        q.regel,
        q.reden,
        q.meldingen
    from int_quarantaine as q
    join stg_bestanden as b using (levering_id)
    order by b.bestand, q.rij
)

select * from final
