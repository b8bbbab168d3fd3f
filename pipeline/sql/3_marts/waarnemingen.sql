-- Every valid figure in force, as delivered (CONTRACT §3): the latest delivered value per key
-- under the code it was delivered for, and the CBS figures for `totaal`. The same figures on the
-- latest CBS classification are in `waarnemingen_indeling`.
with final as (
    select w.*
    from int_waarnemingen as w
    join stg_indicatoren as i using (indicator)
    order by w.gemeente_code, i.volgorde, w.doelgroep, w.jaar
)

select * from final
