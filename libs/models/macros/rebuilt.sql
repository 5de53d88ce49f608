-- rebuilt(column): (account_id, <column>) of every fct_plays row rebuilt since this model's last
-- run, and the value the row had before the rebuild changed it (fct_plays._prev_<column>): the
-- keys an incremental model must recompute, old and new. For local_date, artist_key, track_key.
{% macro rebuilt(column) %}
select c.account_id, c.{{ column }} from {{ ref('fct_plays') }} c where c._built_at > {{ last_run_started_at }}
union
select c.account_id, c._prev_{{ column }} from {{ ref('fct_plays') }} c where c._built_at > {{ last_run_started_at }} and c._prev_{{ column }} is not null
{% endmacro %}
