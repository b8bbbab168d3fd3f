-- Typed delivery rows: text trimmed, codes normalised, periods and dates parsed, the indicator's
-- catalogue entry and the municipality's existence in that year (stg_gemeente_jaar) attached.
-- Nothing is judged here: a value that does not parse becomes NULL beside its raw text (`*_ruw`),
-- and the rules in pipeline/schemas.py say what is wrong with it. Numbers are read by
-- pipeline/numbers.py (in the validate stage: that rule has one home). Only rows of files that were not refused are typed. Trimming removes spaces,
-- tabs, line breaks and the non-breaking spaces spreadsheets leave behind.
-- A view: the validate stage reads it once, judging every row as it goes (int_leveringrijen).
with rijen as (
    select r.*, b.map_code, b.leverdatum
    from stg_leveringrijen as r
    join stg_bestanden as b using (levering_id)
    where b.status = 'geaccepteerd'
),

tekst as (
    select
        levering_id,
        rij,
        map_code,
        leverdatum,
        nullif(trim(gemeente_code, {{ whitespace }}), '') as gemeente_code_ruw,
        nullif(trim(periode, {{ whitespace }}), '') as periode_ruw,
        nullif(trim(indicator, {{ whitespace }}), '') as indicator_ruw,
        nullif(trim(doelgroep, {{ whitespace }}), '') as doelgroep_ruw,
        nullif(trim(teller, {{ whitespace }}), '') as teller_ruw,
        nullif(trim(noemer, {{ whitespace }}), '') as noemer_ruw,
        nullif(trim(bron, {{ whitespace }}), '') as bron,
        nullif(trim(peildatum, {{ whitespace }}), '') as peildatum_ruw,
        nullif(trim(opmerking, {{ whitespace }}), '') as opmerking
    from rijen
),

-- Codes, periods and dates repeat from row to row: each distinct value is parsed once
-- (read from the staging tables themselves, which is cheaper than from the rows above).
gemeentecodes as (
    select
        ruw as gemeente_code_ruw,
        case when regexp_matches(ruw, {{ code_pattern }})
            then 'GM' || lpad(regexp_extract(ruw, '[0-9]+'), 4, '0')
        end as gemeente_code
    from (
        select distinct nullif(trim(gemeente_code, {{ whitespace }}), '') as ruw from stg_bulk
        union
        select distinct nullif(trim(gemeente_code, {{ whitespace }}), '') as ruw from stg_exact
    )
    where ruw is not null
),

perioden as (
    select
        ruw as periode_ruw,
        jaar,
        periodetype,
        periode_eind,
        case
            when periodetype = 'kalenderjaar' then cast(jaar as varchar)
            when periodetype = 'schooljaar' then cast(jaar as varchar) || '-' || cast(periode_eind as varchar)
        end as periode
    from (
        select
            ruw,
            leesbaar,
            case when leesbaar then cast(left(ruw, 4) as integer) end as jaar,
            case
                when not leesbaar then null
                when regexp_matches(ruw, '[-/]') then 'schooljaar'
                else 'kalenderjaar'
            end as periodetype,
            -- a two-digit end year (2016/17) belongs to the century that makes it follow the start
            case
                when not leesbaar or staart is null then null
                when staart >= 100 then staart
                when start // 100 * 100 + staart >= start then start // 100 * 100 + staart
                else start // 100 * 100 + 100 + staart
            end as periode_eind
        from (
            select
                ruw,
                regexp_matches(ruw, {{ periode_pattern }}) as leesbaar,
                try_cast(left(ruw, 4) as integer) as start,
                case when regexp_matches(ruw, '[-/]')
                    then try_cast(regexp_extract(ruw, '([0-9]+)$', 1) as integer)
                end as staart
            from (
                select distinct nullif(trim(periode, {{ whitespace }}), '') as ruw from stg_bulk
                union
                select distinct nullif(trim(periode, {{ whitespace }}), '') as ruw from stg_exact
            )
            where ruw is not null
        )
    )
),

datums as (
    select
        ruw as peildatum_ruw,
        regexp_matches(ruw, {{ date_pattern }}) as peildatum_leesbaar,
        cast(case
            when regexp_matches(ruw, '^[0-9]{4}-') then try_strptime(ruw, '%Y-%m-%d')
            when regexp_matches(ruw, {{ date_pattern }})
                then try_strptime(regexp_replace(ruw, '[/.]', '-', 'g'), '%d-%m-%Y')
        end as date) as peildatum
    from (
        select distinct nullif(trim(peildatum, {{ whitespace }}), '') as ruw from stg_bulk
        union
        select distinct nullif(trim(peildatum, {{ whitespace }}), '') as ruw from stg_exact
    )
    where ruw is not null
),

final as (
    select
        t.levering_id,
        t.rij,
        t.map_code,
        t.leverdatum,
        t.gemeente_code_ruw,
        g.gemeente_code,
        t.periode_ruw,
        p.periode,
        p.jaar,
        p.periodetype,
        p.periode_eind,
        cast(p.jaar as varchar) as jaar_tekst,
        cast(p.jaar + 1 as varchar) as jaar_volgend,
        t.indicator_ruw,
        lower(t.indicator_ruw) as indicator,
        t.doelgroep_ruw,
        lower(t.doelgroep_ruw) as doelgroep,
        t.teller_ruw,
        t.noemer_ruw,
        t.bron,
        t.peildatum_ruw,
        d.peildatum_leesbaar,
        d.peildatum,
        t.opmerking,
        i.bron as ind_bron,
        i.periodetype as ind_periodetype,
        i.is_verhouding as ind_is_rate,
        i.vermenigvuldiger as ind_vermenigvuldiger,
        -- did the municipality exist in the year the row is about (municipal reorganisations)?
        gj.status as gemeente_status,
        gj.uitleg as gemeente_uitleg
    from tekst as t
    left join gemeentecodes as g using (gemeente_code_ruw)
    left join perioden as p using (periode_ruw)
    left join datums as d using (peildatum_ruw)
    left join stg_indicatoren as i on i.indicator = lower(t.indicator_ruw)
    left join stg_gemeente_jaar as gj on gj.gemeente_code = g.gemeente_code and gj.jaar = p.jaar
)

select * from final
