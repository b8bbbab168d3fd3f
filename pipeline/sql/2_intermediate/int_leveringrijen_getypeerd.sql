-- Typed delivery rows: text trimmed, codes normalised, numbers, periods and dates parsed, the
-- indicator's catalogue entry attached. Nothing is judged here: a value that does not parse
-- becomes NULL beside its raw text (`*_ruw`), and the rules in pipeline/schemas.py say what is
-- wrong with it. Only rows of files that were not refused are typed. Trimming removes spaces,
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

ontleed as (
    select
        *,
        case when regexp_matches(gemeente_code_ruw, {{ code_pattern }})
            then 'GM' || lpad(regexp_extract(gemeente_code_ruw, '[0-9]+'), 4, '0')
        end as gemeente_code,
        regexp_matches(periode_ruw, {{ periode_pattern }}) as periode_leesbaar,
        lower(indicator_ruw) as indicator,
        lower(doelgroep_ruw) as doelgroep,
        -- most counts are plain integers (their text is their canonical form): cast those directly;
        -- everything else is parsed by the pattern, as the rules in schemas.py read it
        coalesce(
            case when cast(try_cast(teller_ruw as bigint) as varchar) = teller_ruw
                then cast(teller_ruw as double) end,
            case when regexp_matches(teller_ruw, {{ number_pattern }})
                then cast(replace(teller_ruw, ',', '.') as double) end
        ) as teller,
        coalesce(
            case when cast(try_cast(noemer_ruw as bigint) as varchar) = noemer_ruw
                then cast(noemer_ruw as double) end,
            case when regexp_matches(noemer_ruw, {{ number_pattern }})
                then cast(replace(noemer_ruw, ',', '.') as double) end
        ) as noemer,
        cast(case
            when regexp_matches(peildatum_ruw, '^[0-9]{4}-')
                then try_strptime(peildatum_ruw, '%Y-%m-%d')
            when regexp_matches(peildatum_ruw, {{ date_pattern }})
                then try_strptime(regexp_replace(peildatum_ruw, '[/.]', '-', 'g'), '%d-%m-%Y')
        end as date) as peildatum
    from tekst
),

perioden as (
    select
        *,
        case when periode_leesbaar then cast(left(periode_ruw, 4) as integer) end as jaar,
        case
            when not periode_leesbaar then null
            when regexp_matches(periode_ruw, '[-/]') then 'schooljaar'
            else 'kalenderjaar'
        end as periodetype,
        case when periode_leesbaar and regexp_matches(periode_ruw, '[-/]')
            then cast(regexp_extract(periode_ruw, '([0-9]+)$', 1) as integer)
        end as periode_staart
    from ontleed
),

final as (
    select
        p.levering_id,
        p.rij,
        p.map_code,
        p.leverdatum,
        p.gemeente_code_ruw,
        p.gemeente_code,
        p.periode_ruw,
        case
            when p.periodetype = 'kalenderjaar' then cast(p.jaar as varchar)
            when p.periodetype = 'schooljaar'
                then cast(p.jaar as varchar) || '-' || cast(s.periode_eind as varchar)
        end as periode,
        p.jaar,
        p.periodetype,
        s.periode_eind,
        cast(p.jaar as varchar) as jaar_tekst,
        cast(p.jaar + 1 as varchar) as jaar_volgend,
        p.indicator_ruw,
        p.indicator,
        p.doelgroep_ruw,
        p.doelgroep,
        p.teller_ruw,
        p.teller,
        p.noemer_ruw,
        p.noemer,
        p.bron,
        p.peildatum_ruw,
        p.peildatum,
        p.opmerking,
        i.bron as ind_bron,
        i.periodetype as ind_periodetype,
        i.vermenigvuldiger <> 1 as ind_is_rate,
        i.vermenigvuldiger as ind_vermenigvuldiger
    from perioden as p
    -- a two-digit end year (2016/17) belongs to the century that makes it follow the start
    cross join lateral (
        select case
            when p.periode_staart is null then null
            when p.periode_staart >= 100 then p.periode_staart
            when p.jaar // 100 * 100 + p.periode_staart >= p.jaar then p.jaar // 100 * 100 + p.periode_staart
            else p.jaar // 100 * 100 + 100 + p.periode_staart
        end as periode_eind
    ) as s
    left join stg_indicatoren as i on i.indicator = p.indicator
)

select * from final
