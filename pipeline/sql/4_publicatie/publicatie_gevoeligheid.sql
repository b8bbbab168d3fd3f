-- The effect under other choices (comparison group, weighting, assumed start years, scale),
-- published as `publicatie_effecten`: numbers only where not `te_klein`, to two significant
-- digits of the interval's half-width.
with precisie as (
    select
        *,
        least(4, greatest({{ decimalen }},
            1 - floor(log10(greatest((ci_hoog - ci_laag) / 2, 1e-6)))))::integer as d
    from effecten_gevoeligheid
)

select
    * exclude (d) replace (
        case when not te_klein then round(effect, d) end as effect,
        case when not te_klein then round(ci_laag, d) end as ci_laag,
        case when not te_klein then round(ci_hoog, d) end as ci_hoog
    )
from precisie
