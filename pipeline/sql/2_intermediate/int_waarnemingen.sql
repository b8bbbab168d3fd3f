-- Every valid figure in force, as delivered: the latest delivered value per key, and the CBS
-- figures for `totaal`. `waarde` is teller / noemer × the indicator's multiplier for rates, teller
-- for counts. A table (a few hundred thousand rows at national scale), made once: the marts
-- `waarnemingen` (as delivered) and `waarnemingen_indeling` (on the latest CBS classification)
-- both read it, and as a view each read the valid rows of every delivery again.
with geleverd as (
    select
        r.gemeente_code,
        r.periode,
        r.jaar,
        r.indicator,
        r.doelgroep,
        r.teller,
        r.noemer,
        r.waarde,
        b.bestand,
        r.rij,
        r.leverdatum,
        t.bron,
        r.peildatum,
        t.opmerking,
        'levering' as herkomst,
        false as voorlopig
    from int_rijen_geldig as r
    semi join int_in_gebruik using (levering_id, rij)
    join stg_bestanden as b using (levering_id)
    left join int_leveringtekst as t using (levering_id, rij)
),

cbs as (
    select
        gemeente_code,
        periode,
        jaar,
        indicator,
        doelgroep,
        teller,
        noemer,
        waarde,
        {{ burglary_bestand }} as bestand,
        rij,
        cast(null as date) as leverdatum,
        'CBS/Politie 47018NED en CBS 70072ned' as bron,
        cast(null as date) as peildatum,
        cast(null as varchar) as opmerking,
        'cbs' as herkomst,
        voorlopig
    from int_cbs_woninginbraak
),

final as (
    select w.*, i.domein
    from (select * from geleverd union all by name select * from cbs) as w
    join stg_indicatoren as i using (indicator)
)

select * from final
