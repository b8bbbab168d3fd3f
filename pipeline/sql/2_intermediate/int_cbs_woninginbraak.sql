-- The `totaal` figures the monitor takes from CBS: residential burglaries per 1,000 residents,
-- with CBS's provisional flag. Years without a population figure give no rate.
with inbraak as (
    select * from stg_woninginbraak where gemeente_code <> 'GM0000'
),

final as (
    select
        i.gemeente_code,
        cast(i.jaar as varchar) as periode,
        i.jaar,
        'woninginbraak' as indicator,
        'totaal' as doelgroep,
        i.aantal as teller,
        b.bevolking as noemer,
        i.aantal / b.bevolking * ind.vermenigvuldiger as waarde,
        i.voorlopig,
        i.rij
    from inbraak as i
    join stg_bevolking as b using (gemeente_code, jaar)
    join stg_indicatoren as ind on ind.indicator = 'woninginbraak'
    where b.bevolking > 0
)

select * from final
