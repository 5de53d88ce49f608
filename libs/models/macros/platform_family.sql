-- platform_family(column): the family of the device an export row was played on, from the row's
-- `platform`, which Spotify has written in many shapes over the years: "android", "ios",
-- "windows", "osx", "linux", "web_player" (newer exports), "Android OS 14 API 34 (Google, Pixel 8)",
-- "iOS 17.1.1 (iPhone15,2)", "Windows 10 (10.0.19045; x64)", "OS X 14.1.0 [arm 2]",
-- "Linux [x86-64 0]", "WebPlayer (websocket RFC6455)", "web_player windows 10;chrome 120.0.0.0;desktop",
-- "Partner google cast_tv Google;Chromecast", "Partner sonos_arm Sonos;One", "cast_to_device".
-- One of android, ios, windows, macos, linux, web, cast (Chromecast and Spotify Connect devices:
-- speakers, TVs, cars, consoles), other; null when the row has no platform (polled plays and
-- account-data imports carry none). Checked in this order: a web player or a cast device names
-- the operating system it runs on after its own name.
{% macro platform_family(platform) %}
case
  when {{ platform }} is null then null
  when lower({{ platform }}) ~ '^(partner|cast)' or lower({{ platform }}) ~ '(chromecast|google cast|sonos|speaker)' then 'cast'
  when (lower({{ platform }}) || ' ') ~ '^web(player|_player| player)?[^a-z]' then 'web'
  when lower({{ platform }}) ~ '^android' then 'android'
  when (lower({{ platform }}) || ' ') ~ '^(ios|iphone|ipad|ipod)[^a-z]' then 'ios'
  when lower({{ platform }}) ~ '^windows' then 'windows'
  when (lower({{ platform }}) || ' ') ~ '^(os ?x|macos|mac ?os)[^a-z]' then 'macos'
  when lower({{ platform }}) ~ '^linux' then 'linux'
  else 'other'
end
{% endmacro %}
