-- The `totaal` figures the monitor takes from CBS: residential burglaries per 1,000 residents,
-- with CBS's provisional flag. CBS publishes the burglaries of every year on the latest
-- classification, the population on each year's own: the population is therefore added up to the
-- latest classification first (municipalities that went whole into a later one); a year in which
-- a split municipality gave the area a part has a rate only when that municipality's inhabitants
-- are within the boundary-correction share of the settings (the rule of waarnemingen_indeling).
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

heel as (
    select laatste_code as gemeente_code, jaar, sum(bevolking) as bevolking
    from bevolking_toen
    where omzetbaar
    group by all
),

deel as (
    -- a split municipality's inhabitants, whole, beside each municipality that received a part
    select unnest(ontvangers) as gemeente_code, jaar, bevolking from bevolking_toen where not omzetbaar
),

bevolking as (
    -- where a split municipality gave a part, its share of the inhabitants must stay within the
    -- boundary-correction size of the settings (herindeling.max_ontbrekend_aandeel); else no rate
    select h.gemeente_code, h.jaar, h.bevolking
    from heel as h
    left join (select gemeente_code, jaar, sum(bevolking) as gesplitst from deel group by all) as d
        using (gemeente_code, jaar)
    where coalesce(d.gesplitst, 0) <= {{ max_ontbrekend_aandeel }} * (h.bevolking + coalesce(d.gesplitst, 0))
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
