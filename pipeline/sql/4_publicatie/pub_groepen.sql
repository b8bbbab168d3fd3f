-- Totals over municipalities: the pilots together and the other municipalities together, per
-- indicator, doelgroep and year, summed over every figure in force (hidden ones too: the total
-- is true). Whether a total is published: not when it is small itself (the primary rule on its
-- sums, for a protected doelgroep), nor when the disclosure audit withheld it (`pub_ingehouden`).
-- Intervals are added by stages/publication.py (exact Poisson limits are not SQL).
with cellen as (
    select * from pub_cellen where in_analyses  -- one area counted once, on the latest classification
),

sommen as (
    select
        groep,
        indicator,
        doelgroep,
        jaar,
        min(periode) as periode,
        bool_or(voorlopig) as voorlopig,
        count(*) as n_gemeenten,
        list(gemeente_code order by gemeente_code) as gemeenten,
        sum(teller) as teller,
        sum(noemer) as noemer,
        any_value(vermenigvuldiger) as vermenigvuldiger,
        bool_or(is_verhouding) as is_verhouding,
        bool_or(beschermd) as beschermd,
        count(*) filter (where onderdrukt) as n_onderdrukt
    from cellen
    group by groep, indicator, doelgroep, jaar
),

final as (
    select
        s.*,
        case
            when s.beschermd and (
                s.teller between {{ teller_min }} and {{ teller_max }}
                or s.noemer < {{ min_noemer }}
                or s.noemer - s.teller between {{ teller_min }} and {{ teller_max }}
            ) then {{ reden_klein }}
            when h.groep is not null then {{ reden_beschermt }}
        end as reden_onderdrukt
    from sommen as s
    left join pub_ingehouden as h using (groep, indicator, doelgroep, jaar)
)

select *, reden_onderdrukt is not null as onderdrukt from final
