-- The `totaal` figures the monitor takes from CBS: residential burglaries per 1,000 residents,
-- with CBS's provisional flag. CBS publishes the burglaries of every year on the latest
-- classification, the population on each year's own: the population is therefore added up to the
-- latest classification first (municipalities that went whole into a later one), and a year in
-- which a split municipality gave the area a part has no population figure, and so no rate.
with inbraak as (
    select * from stg_woninginbraak where gemeente_code <> 'GM0000'
),

bevolking_toen as (
    select b.jaar, b.bevolking, l.laatste_code, l.omzetbaar, l.ontvangers
    from stg_bevolking as b
    join stg_gemeente_jaar as gj on gj.gemeente_code = b.gemeente_code and gj.jaar = b.jaar
    join stg_indeling_laatste as l on l.gemeente_code = b.gemeente_code
    where gj.status = 'bestond'
),

met_deel as (
    select distinct unnest(ontvangers) as gemeente_code, jaar from bevolking_toen where not omzetbaar
),

heel as (
    select laatste_code as gemeente_code, jaar, sum(bevolking) as bevolking
    from bevolking_toen
    where omzetbaar
    group by all
),

bevolking as (
    select * from heel anti join met_deel using (gemeente_code, jaar)
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
    join bevolking as b using (gemeente_code, jaar)
    join stg_indicatoren as ind on ind.indicator = 'woninginbraak'
    where b.bevolking > 0
)

select * from final
