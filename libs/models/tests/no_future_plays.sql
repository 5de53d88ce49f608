-- description: No play starts in the future (a minute of clock skew allowed).
select account_id, played_at from {{ ref('fct_plays') }} where played_at > now() + interval '1 minute'
