-- The register of the eleven pilot sites (nine municipalities, two organisations), every fact
-- with the letter it comes from; assumed start years are marked.
with final as (
    select
        naam,
        soort,
        gemeente_code,
        fase,
        startjaar,
        startjaar_aanname,
        startjaar_toelichting,
        nulmeting_jaar,
        subsidie,
        interventies,
        bron_deelname,
        bron_startjaar,
        bron_subsidie,
        bron_interventies
    from stg_proeftuinen
    order by fase, startjaar, naam
)

select * from final
