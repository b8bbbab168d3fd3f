-- Which delivery each delivered figure in force comes from, under the code it was delivered for:
-- `/controleren` says which figures a new delivery would supersede ("vervangt 12 cijfers van de
-- levering van 2024-03-01"). Only the key, the file and its date: no value, so nothing here
-- narrows a suppressed figure (that a figure exists is public in `publicatie_cijfers` too).
with final as (
    select
        w.gemeente_code,
        w.periode,
        w.indicator,
        w.doelgroep,
        w.bestand,
        w.leverdatum
    from waarnemingen as w
    where w.herkomst = 'levering'
    order by w.gemeente_code, w.indicator, w.doelgroep, w.periode
)

select * from final
