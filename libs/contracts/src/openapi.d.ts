// Generated from docs/openapi.json by `npm run openapi` (openapi-typescript): do not edit.

export interface paths {
    "/api/auth/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Connected Spotify accounts (never a token); a listener sees only their own */
        get: operations["AccountsController_list"];
        put?: never;
        /** Headless setup: connect an account from a Spotify refresh token (checked against Spotify first) */
        post: operations["AccountsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/accounts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Disconnect an account; with purge=true its listening data (raw and marts) goes too. A listener can delete only their own */
        delete: operations["AccountsController_remove"];
        options?: never;
        head?: never;
        /** Change an account's time zone and/or label; a new zone rebuilds the account's zone-dependent models (a transform run is requested) */
        patch: operations["AccountsController_update"];
        trace?: never;
    };
    "/api/auth/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Spotify returns here: exchanges the code, reads /me, stores the account, signs the listener in (cookie rewind_session) and redirects to the dashboard */
        get: operations["LoginController_callback"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Start "Connect Spotify": redirects to Spotify's consent page (authorization code + PKCE, single-use state valid 10 minutes) */
        get: operations["LoginController_start"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out: the session is revoked and its cookie cleared (with { everywhere: true }, every session of the account) */
        post: operations["SessionsController_logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who is asking: the signed-in listener (session cookie) or the admin (API_TOKEN) */
        get: operations["SessionsController_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/shares": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Share links not revoked (expired ones included), newest first: a listener's own; every account's for the admin */
        get: operations["SharesController_list"];
        put?: never;
        /** Publish a read-only recap: a Wrapped year or a date range's top lists, at an unguessable public link (GET /share/{id}) */
        post: operations["SharesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/shares/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a share link: its page and data answer 404 from now on */
        delete: operations["SharesController_revoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Health of every service and the database (no token needed) */
        get: operations["SystemHealthController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ingest/enrichment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Progress of catalog enrichment (names, albums, artists, genres, images fetched from Spotify one call per item within a daily budget, most-played first) */
        get: operations["EnrichmentController_progress"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ingest/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import a Spotify privacy export
         * @description Upload one .zip (extended streaming history or account data, as Spotify sends it) or one or more of its .json files in the multipart field `files`. The files are streamed to disk and imported in the background; follow the job with GET /api/ingest/imports/{id}. Re-importing adds nothing.
         */
        post: operations["ImportsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ingest/imports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Status and live progress of an import */
        get: operations["ImportsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ingest/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Recent webhook notifications
         * @description The notification outbox, newest first: alerts, recoveries, weekly summaries, rate-limit summaries and tests, each with its delivery status, attempts and last error. Undeliverable messages stay here with status `failed`.
         */
        get: operations["NotifyController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ingest/notifications/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a test message to the webhook
         * @description Sends a test message now (not queued) and reports what the webhook answered: status, the start of its body and the latency. A failed delivery is still 200 with `delivered: false` and the error. Also reachable as POST /api/ingest/notify/test.
         */
        post: operations["NotifyController_test[0]"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ingest/notify/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a test message to the webhook
         * @description Sends a test message now (not queued) and reports what the webhook answered: status, the start of its body and the latency. A failed delivery is still 200 with `delivered: false` and the error. Also reachable as POST /api/ingest/notify/test.
         */
        post: operations["NotifyController_test[1]"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ingest/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The poll ledger, newest first
         * @description One row per account per poll, with what it fetched and stored, and any gap it detected.
         */
        get: operations["RunsController_list"];
        put?: never;
        /**
         * Poll recently-played now
         * @description Polls one account, or every active account when no accountId is given, in the background. Each account gets a run in the ledger (GET /api/ingest/runs); an account that is not active or is being polled right now gets a run with status "skipped" and the reason.
         */
        post: operations["RunsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/share/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A share link's recap (public: no token, no cookie): a Wrapped year, or a range's totals and top lists
         * @description What GET /share/{id} shows. Carries no account id, no Spotify id, no e-mail and no token: names, counts and artwork only.
         */
        get: operations["ShareController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/activity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Plays and minutes per bucket
         * @description bucket=day|week|month|year: buckets with plays, ascending (labels YYYY-MM-DD, Monday of the week, YYYY-MM, YYYY). bucket=weekday (0 = Monday … 6) and hour (0–23): every bucket, zeros included. All in tz.
         */
        get: operations["StatsController_activity"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/albums/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One album
         * @description The album over [from, to) in tz: plays, minutes and rank in the range (by), the first and last play ever, activity by month (by day for ranges under 90 days) and the 24 hours of the day; its artists, cover and tracks played in the range (limit, by).
         */
        get: operations["InsightsController_album"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/artists/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One artist
         * @description The artist (primary artist of its plays) over [from, to) in tz: plays, minutes and rank in the range (by), the first and last play ever, activity by month (by day for ranges under 90 days) and the 24 hours of the day; its genres, top tracks and albums in the range (limit, by). 404 for a key the account never played.
         */
        get: operations["InsightsController_artist"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/behaviour": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Listening behaviour
         * @description How the plays of [from, to) were listened to, or only those of one artist (primary artist), track or album (artist, track or album: its key): skip rate, shuffle and offline shares, platform families, and the reasons plays started and ended. Only extended-history imports record behaviour: knownPlays says how many do, and every share is over the plays that record it. 404 for a key the account never played; 400 for more than one of artist, track and album.
         */
        get: operations["InsightsController_behaviour"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/compare": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Compare two ranges
         * @description The top of a dimension over [from, to) (limit, by) with each item’s rank, plays and minutes over [compareFrom, compareTo) (default: the range of equal length just before) and its movement (previousRank − rank; null when new); totals of both ranges.
         */
        get: operations["InsightsController_compare"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/discoveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Artists discovered
         * @description Artists whose first play ever falls inside the range, in order of discovery (up to limit).
         */
        get: operations["StatsController_discoveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/forgotten": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Forgotten favourites
         * @description Artists (tracks, albums, genres) most played (by) before the local day six months before today (tz) and never since; up to limit.
         */
        get: operations["InsightsController_forgotten"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/genres/{genre}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One genre
         * @description The genre (a play counts toward each genre of its primary artist) over [from, to) in tz: plays, minutes and rank in the range (by), the first and last play ever, activity by month (by day for ranges under 90 days) and the 24 hours of the day; its top artists in the range (limit, by).
         */
        get: operations["InsightsController_genre"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/heatmap": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Hour-of-week heatmap
         * @description 168 cells ordered by weekday (0 = Monday) then hour, in tz; empty cells are zero.
         */
        get: operations["StatsController_heatmap"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/on-this-day": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * On this day
         * @description What was played on the same local date (tz) in each earlier year with plays on it, newest first: plays, minutes, top artists and tracks (limit, by). A 29 February looks back at leap years only.
         */
        get: operations["InsightsController_onThisDay"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/recent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Recent plays
         * @description Plays inside the range, newest first (up to limit), with listening time.
         */
        get: operations["StatsController_recent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search artists, tracks and albums
         * @description Artists, tracks and albums of the account whose names contain q, ignoring case and accents; most played (by) inside [from, to) first, all time by default; up to limit of each.
         */
        get: operations["InsightsController_search"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Longest listening sessions
         * @description Sessions starting inside the range, longest listening time first (ties: earliest). A play starting more than 10 minutes after the previous play ended starts a new session.
         */
        get: operations["StatsController_sessions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/streaks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Listening streaks
         * @description Runs of consecutive days (in tz) with at least one play inside the range: the current one (ending today or yesterday) and the longest (ties: earliest).
         */
        get: operations["StatsController_streaks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Totals of a range
         * @description Plays, minutes, distinct tracks/artists/albums and the first and last play inside [from, to).
         */
        get: operations["StatsController_summary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/top-albums": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Top albums
         * @description Albums ranked by plays (or minutes), ties by name, with album artists and cover.
         */
        get: operations["StatsController_topAlbums"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/top-artists": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Top artists
         * @description Primary artists ranked by plays (or minutes with by=minutes), ties by name; name-only imports use the name as artistId.
         */
        get: operations["StatsController_topArtists"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/top-genres": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Top genres
         * @description A play counts once toward each genre of its primary artist; ranked by plays (or minutes), ties by genre.
         */
        get: operations["StatsController_topGenres"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/top-tracks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Top tracks
         * @description Tracks ranked by plays (or minutes), ties by name, with credited artists and album.
         */
        get: operations["StatsController_topTracks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/tracks/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One track
         * @description The track over [from, to) in tz: plays, minutes and rank in the range (by), the first and last play ever, activity by month (by day for ranges under 90 days) and the 24 hours of the day; its credited artists, album and longest streak of consecutive listening days (tz) in the range.
         */
        get: operations["InsightsController_track"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/wrapped": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The yearly recap
         * @description Everything for one calendar year in tz, in one document: totals, tops (limit, by), top genres, busiest day, hour of week, discoveries, longest streak and session.
         */
        get: operations["StatsController_wrapped"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/transform/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every model in DAG order with its version, materialization, dependencies and last run */
        get: operations["TransformController_listModels"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/transform/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a transform run
         * @description Queues a run of the selected models (all when no selector); runs execute one at a time.
         */
        post: operations["TransformController_createRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/transform/runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A run with every model (status, rows, durationMs) and every data test result */
        get: operations["TransformController_getRun"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ServiceHealthDto: {
            /**
             * @example ok
             * @enum {string}
             */
            status: "ok" | "degraded" | "down";
            /**
             * @description Why the service is degraded or down, when it says
             * @example not reachable
             */
            reason?: string;
        };
        ServicesHealthDto: {
            auth: components["schemas"]["ServiceHealthDto"];
            ingest: components["schemas"]["ServiceHealthDto"];
            transform: components["schemas"]["ServiceHealthDto"];
            stats: components["schemas"]["ServiceHealthDto"];
        };
        DatabaseHealthDto: {
            /**
             * @example ok
             * @enum {string}
             */
            status: "ok" | "down";
        };
        SystemHealthDto: {
            /**
             * @description down: the database or every service is down
             * @enum {string}
             */
            status: "ok" | "degraded" | "down";
            services: components["schemas"]["ServicesHealthDto"];
            database: components["schemas"]["DatabaseHealthDto"];
        };
        AccountDto: {
            /** Format: uuid */
            id: string;
            /** @example alice */
            spotifyUserId: string;
            /** @example Alice */
            displayName: string | null;
            /** @enum {string} */
            status: "active" | "reauth_required" | "disabled";
            /**
             * Format: date-time
             * @description When the stored access token expires
             */
            tokenExpiresAt: string | null;
            /** Format: date-time */
            lastRefreshAt: string | null;
            /** @description Why the account is not active, and what to do */
            statusReason: string | null;
            label: string | null;
            /** @description The account is the synthetic demo listener */
            isDemo: boolean;
            /**
             * @description IANA time zone of the listener (null until the dashboard or PATCH sets it; the stats then use UTC)
             * @example Europe/Berlin
             */
            timeZone: string | null;
            /**
             * Format: date-time
             * @description When Spotify stops accepting the account's refresh token: six months after the consent (the last sign-in with Spotify, or when a refresh token was first given to POST). Reconnect before it (GET /api/auth/login); Rewind sends a notification 14 and 2 days before.
             */
            refreshTokenExpiresAt: string | null;
        };
        CreateAccountDto: {
            /** @description A Spotify refresh token for Rewind's client id (what the manual authorization-code flow produced). Checked against Spotify before it is stored; stored encrypted. */
            refreshToken: string;
            /** @description A name of your choosing for the account */
            label?: string;
            /**
             * @description IANA time zone of the listener (days, weeks, hours of the stats). Set when the account is created, or when it has none yet; change it later with PATCH /api/auth/accounts/:id.
             * @example Europe/Berlin
             */
            timeZone?: string;
        };
        CreatedAccountDto: {
            /** Format: uuid */
            id: string;
            /** @example alice */
            spotifyUserId: string;
            /** @example Alice */
            displayName: string | null;
            /** @enum {string} */
            status: "active" | "reauth_required" | "disabled";
        };
        UpdateAccountDto: {
            /**
             * @description IANA time zone of the listener. A change rebuilds the account's zone-dependent models.
             * @example Europe/Berlin
             */
            timeZone?: string;
            /** @description A name of your choosing for the account; an empty string removes it */
            label?: string;
        };
        MeDto: {
            /**
             * Format: uuid
             * @description The signed-in listener's account; null for the admin
             */
            accountId: string | null;
            /** @example Alice */
            displayName: string | null;
            /**
             * @description `admin`: the API_TOKEN holder (every account); `listener`: a Spotify sign-in (their own account)
             * @enum {string}
             */
            role: "listener" | "admin";
        };
        LogoutDto: {
            /**
             * @description Sign out every browser of the account, not only this one
             * @default false
             */
            everywhere: boolean;
        };
        ResolveSessionDto: Record<string, never>;
        ResolvedSessionDto: {
            /** Format: uuid */
            accountId: string;
        };
        CreateShareDto: {
            /**
             * @description `wrapped`: one calendar year's recap; `range`: the top lists of [from, to)
             * @enum {string}
             */
            kind: "wrapped" | "range";
            /**
             * @description The Wrapped year (kind "wrapped")
             * @example 2025
             */
            year?: number;
            /**
             * @description First day, inclusive (kind "range"), in the account's time zone
             * @example 2025-06-01
             */
            from?: string;
            /**
             * @description Last day, exclusive (kind "range")
             * @example 2025-09-01
             */
            to?: string;
            /** @description The link stops working after this many days; never when absent */
            expiresInDays?: number;
            /**
             * Format: uuid
             * @description The account whose recap is shared: a listener's own (the default); required for the admin
             */
            accountId?: string;
        };
        CreatedShareDto: {
            /**
             * @description 192 random bits, base64url: the link is the only key
             * @example k3J9xQ2w8mV0pL5tR7yB1nC4dF6gH8jK
             */
            id: string;
            /** @example http://127.0.0.1:3000/share/k3J9xQ2w8mV0pL5tR7yB1nC4dF6gH8jK */
            url: string;
            /** Format: date-time */
            expiresAt: string | null;
        };
        ShareDto: {
            /**
             * @description 192 random bits, base64url: the link is the only key
             * @example k3J9xQ2w8mV0pL5tR7yB1nC4dF6gH8jK
             */
            id: string;
            /** @example http://127.0.0.1:3000/share/k3J9xQ2w8mV0pL5tR7yB1nC4dF6gH8jK */
            url: string;
            /** Format: date-time */
            expiresAt: string | null;
            /** @enum {string} */
            kind: "wrapped" | "range";
            year: number | null;
            /** Format: date */
            from: string | null;
            /** Format: date */
            to: string | null;
            /** Format: uuid */
            accountId: string;
            /** Format: date-time */
            createdAt: string;
        };
        ActiveAccountDto: {
            /** Format: uuid */
            id: string;
            /** @description IANA time zone, when known */
            timeZone: string | null;
            isDemo: boolean;
        };
        AccessTokenRequestDto: {
            /**
             * @description Refresh even if the stored token looks valid (Spotify answered 401 to it)
             * @default false
             */
            forceRefresh: boolean;
        };
        AccessTokenDto: {
            /** @description Spotify access token (Bearer) */
            accessToken: string;
            /** Format: date-time */
            expiresAt: string;
        };
        ImportCreatedDto: {
            /**
             * Format: uuid
             * @example 5d0b8c62-1f1e-4a47-9a55-0d2b1d0b9a11
             */
            importId: string;
        };
        ImportFileDto: {
            /** @example my_spotify_data.zip */
            name: string;
            /** @example 48211330 */
            bytes: number;
            /**
             * @description extended | account_music | account_podcast | account_audiobook (once read; several joined by commas for a zip)
             * @example extended
             */
            format?: string;
        };
        ImportSkippedDto: {
            /**
             * @description Music rows under 30 s
             * @example 1204
             */
            short: number;
            /**
             * @description Rows listened in a private session
             * @example 37
             */
            incognito: number;
            /**
             * @description Podcast, audiobook and video rows (kept apart, never music plays)
             * @example 310
             */
            podcast: number;
            /**
             * @description Rows with wrong types or no track; see invalidReasons
             * @example 2
             */
            invalid: number;
        };
        ImportSkippedFileDto: {
            /**
             * @description Path of the file inside the zip (or the uploaded file name)
             * @example Spotify Account Data/Playlist1.json
             */
            name: string;
            /**
             * @description Why it was not imported
             * @example playlists, not listening history
             */
            reason: string;
        };
        ImportStatusDto: {
            /**
             * Format: uuid
             * @example 5d0b8c62-1f1e-4a47-9a55-0d2b1d0b9a11
             */
            id: string;
            /**
             * Format: uuid
             * @example 0b9e3f5a-6f55-4d36-8a57-0f1a9c1c2b3d
             */
            accountId: string;
            /**
             * @example succeeded
             * @enum {string}
             */
            status: "queued" | "running" | "succeeded" | "failed";
            files: components["schemas"]["ImportFileDto"][];
            /** @example 61520 */
            rowsRead: number;
            /**
             * @description Music plays stored by this import
             * @example 58004
             */
            playsInserted: number;
            /**
             * @description Plays already stored (re-import, overlapping files, or polled)
             * @example 1965
             */
            duplicates: number;
            skipped: components["schemas"]["ImportSkippedDto"];
            /**
             * @description The first reasons rows were counted invalid
             * @example [
             *       "Streaming_History_Audio_2024_0.json row 17: ms_played is \"abc\", expected a non-negative integer"
             *     ]
             */
            invalidReasons: string[];
            /** @description Files of the export that hold no listening history (playlists, library, account details, Wrapped, PDFs, unknown files), skipped with the reason once the job has succeeded; at most 100 are listed, the rest counted in a last entry */
            skippedFiles: components["schemas"]["ImportSkippedFileDto"][];
            /** @example 1 */
            progress: number;
            /**
             * @description Why the import failed, in words a user can act on
             * @example null
             */
            error: string | null;
            /**
             * Format: date-time
             * @example 2026-11-20T08:01:02.345Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @example 2026-11-20T08:01:09.120Z
             */
            finishedAt: string | null;
        };
        CreateIngestRunDto: {
            /**
             * Format: uuid
             * @description Poll only this account (default: every active account)
             */
            accountId?: string;
        };
        RunCreatedDto: {
            /**
             * Format: uuid
             * @description The run (the first one when several accounts are polled; null when no account is active)
             */
            runId: string | null;
            /** @description Every run started, one per account */
            runIds: string[];
        };
        RunGapDto: {
            /**
             * Format: date-time
             * @description Newest play stored before the poll
             * @example 2026-11-20T08:01:02.345Z
             */
            from: string;
            /**
             * Format: date-time
             * @description Oldest play the poll returned
             * @example 2026-11-20T14:31:40.120Z
             */
            to: string;
            /**
             * @description An import has filled the range since
             * @example false
             */
            covered: boolean;
            /** @example More than 50 plays happened between two polls, so plays between 2026-11-20T08:01:02.345Z and 2026-11-20T14:31:40.120Z may be missing: import your Spotify privacy export to fill it */
            message: string;
        };
        RunDto: {
            /**
             * Format: uuid
             * @example 5d0b8c62-1f1e-4a47-9a55-0d2b1d0b9a11
             */
            id: string;
            /**
             * Format: uuid
             * @example 0b9e3f5a-6f55-4d36-8a57-0f1a9c1c2b3d
             */
            accountId: string | null;
            /**
             * @example schedule
             * @enum {string}
             */
            trigger: "schedule" | "manual" | "demo";
            /**
             * Format: date-time
             * @example 2026-11-20T12:30:00.012Z
             */
            startedAt: string;
            /**
             * Format: date-time
             * @example 2026-11-20T12:30:00.410Z
             */
            finishedAt: string | null;
            /**
             * @example succeeded
             * @enum {string}
             */
            status: "running" | "succeeded" | "failed" | "skipped";
            /**
             * @description Plays Spotify returned
             * @example 12
             */
            fetched: number;
            /**
             * @description Plays stored
             * @example 11
             */
            inserted: number;
            /**
             * @description Plays already stored (polled before, or imported)
             * @example 1
             */
            duplicates: number;
            /**
             * @description Why the run failed or was skipped
             * @example null
             */
            error: string | null;
            /** @description Set when plays may have been lost (more than 50 listens between two polls) */
            gap?: components["schemas"]["RunGapDto"] | null;
        };
        EnrichedCountDto: {
            /** @example 1234 */
            enriched: number;
            /** @example 5120 */
            total: number;
            /**
             * @description Waiting in the enrichment queue
             * @example 3886
             */
            queued: number;
        };
        EnrichmentBudgetDto: {
            /**
             * @description ENRICHMENT_DAILY_CALLS: Spotify calls enrichment may make per UTC day (polling is not counted)
             * @example 1000
             */
            dailyCalls: number;
            /** @example 412 */
            spentToday: number;
            /** @example 588 */
            remainingToday: number;
            /**
             * Format: date-time
             * @description When today's budget is replaced by a new one (UTC midnight)
             */
            resetsAt: string;
        };
        EnrichmentProgressDto: {
            /**
             * @description The progress in words
             * @example 1,234 of 5,120 tracks enriched
             */
            summary: string;
            /** @description Tracks known by id (an import knows them by name until they are enriched) */
            tracks: components["schemas"]["EnrichedCountDto"];
            /** @description Artists known by id (genres and images come with enrichment) */
            artists: components["schemas"]["EnrichedCountDto"];
            budget: components["schemas"]["EnrichmentBudgetDto"];
            /**
             * Format: date-time
             * @description When the queue should be empty at the daily budget and the worker’s pace (artists found by enriching tracks join the queue as they are found); null when nothing is queued, or when the budget is 0
             */
            estimatedCompletionAt: string | null;
        };
        NotificationItemDto: {
            /** @example 42 */
            id: string;
            /**
             * @example alert
             * @enum {string}
             */
            kind: "alert" | "recovery" | "weekly_summary" | "suppressed_summary" | "test";
            /** @example ingest_failed */
            type: string;
            /** @example ingest:3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f */
            incident: string | null;
            /** Format: uuid */
            accountId: string | null;
            /** @example Polling recently-played failed */
            title: string;
            /**
             * @description failed: undeliverable after NOTIFY_MAX_ATTEMPTS (kept); suppressed: held back by the rate limit and reported in a summary.
             * @example failed
             * @enum {string}
             */
            status: "pending" | "sent" | "failed" | "suppressed";
            /** @example 8 */
            attempts: number;
            /**
             * Format: date-time
             * @description Next delivery attempt (pending rows).
             */
            nextAttemptAt: string | null;
            /** @example attempt 8: webhook answered HTTP 500: upstream error */
            lastError: string | null;
            /** @example 500 */
            responseStatus: number | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            sentAt: string | null;
        };
        NotificationListDto: {
            /** @description NOTIFY_WEBHOOK_URL is set. */
            enabled: boolean;
            /**
             * @description Scheme and host only (the path of a Slack webhook is a secret).
             * @example https://hooks.slack.com/…
             */
            webhook: string | null;
            /** @enum {string} */
            format: "slack" | "json";
            /**
             * @example [
             *       "ingest_failed",
             *       "import_failed",
             *       "transform_failed",
             *       "data_test_failed",
             *       "reauth_required",
             *       "gap_detected",
             *       "weekly_summary"
             *     ]
             */
            events: string[];
            /** @example 0 9 * * 1 */
            weeklyCron: string;
            /** @example 20 */
            maxPerHour: number;
            items: components["schemas"]["NotificationItemDto"][];
        };
        TestNotificationResultDto: {
            /**
             * @description Outbox row recording the test.
             * @example 43
             */
            id: string;
            /**
             * @description The webhook answered 2xx.
             * @example true
             */
            delivered: boolean;
            /** @example https://hooks.slack.com/… */
            webhook: string;
            /** @enum {string} */
            format: "slack" | "json";
            /**
             * @description HTTP status of the answer; null when none came.
             * @example 200
             */
            status: number | null;
            /**
             * @description First 300 characters of the answer body.
             * @example ok
             */
            bodyExcerpt: string;
            /** @example 142 */
            latencyMs: number;
            /** @example null */
            error: string | null;
        };
        CreateTransformRunDto: {
            /**
             * @description dbt-style selector: name, name+ (with descendants), +name (with ancestors); several separated by commas
             * @example fct_plays+
             */
            select?: string;
            /**
             * @description Rebuild every selected model from scratch
             * @default false
             * @example false
             */
            fullRefresh: boolean;
        };
        TransformRunCreatedDto: {
            /**
             * Format: uuid
             * @example 7b0c1f4e-2d7a-4a8e-9b51-3c2f7e1d9a10
             */
            runId: string;
        };
        TransformRunModelDto: {
            /** @example fct_plays */
            name: string;
            /** @example 1 */
            version: string;
            /**
             * @description view, table or incremental
             * @example incremental
             */
            materialization: string;
            /**
             * @description pending, running, succeeded, failed or skipped
             * @example succeeded
             */
            status: string;
            /**
             * @description Rows written (null while running or when skipped)
             * @example 51
             */
            rows: number | null;
            /** @example 38 */
            durationMs: number | null;
            /** @example null */
            error: string | null;
        };
        TransformTestResultDto: {
            /** @example unique_fct_plays__account_id__played_at */
            name: string;
            /** @example fct_plays */
            model: string;
            /**
             * @example pass
             * @enum {string}
             */
            status: "pass" | "fail" | "error";
            /**
             * @description Rows that broke the test
             * @example 0
             */
            failures: number;
            /** @example null */
            error: string | null;
        };
        TransformRunDto: {
            /**
             * Format: uuid
             * @example 7b0c1f4e-2d7a-4a8e-9b51-3c2f7e1d9a10
             */
            id: string;
            /**
             * @example succeeded
             * @enum {string}
             */
            status: "queued" | "running" | "succeeded" | "failed";
            /**
             * @description What started the run: manual, schedule, ingest, import, ...
             * @example manual
             */
            trigger: string;
            /**
             * @description Selector; null = every model
             * @example fct_plays+
             */
            select: string | null;
            /** @example false */
            fullRefresh: boolean;
            /**
             * Format: date-time
             * @example 2026-11-24T08:00:00.000Z
             */
            requestedAt: string;
            /**
             * Format: date-time
             * @example 2026-11-24T08:00:00.012Z
             */
            startedAt: string | null;
            /**
             * Format: date-time
             * @example 2026-11-24T08:00:00.410Z
             */
            finishedAt: string | null;
            /** @example null */
            error: string | null;
            /** @description Every model of the run, in DAG order */
            models: components["schemas"]["TransformRunModelDto"][];
            tests: components["schemas"]["TransformTestResultDto"][];
        };
        TransformModelLastRunDto: {
            /** Format: uuid */
            runId: string;
            /** @example succeeded */
            status: string;
            /** @example 51 */
            rows: number | null;
            /** @example 38 */
            durationMs: number | null;
            /** Format: date-time */
            finishedAt: string | null;
        };
        TransformModelDto: {
            /** @example fct_plays */
            name: string;
            /** @example 1 */
            version: string;
            /**
             * @description view, table or incremental
             * @example incremental
             */
            materialization: string;
            /** @example One row per play */
            description: string;
            /** @example marts/fct_plays.sql */
            file: string;
            /**
             * @example [
             *       "stg_plays"
             *     ]
             */
            dependsOn: string[];
            /**
             * @example [
             *       "account_id",
             *       "played_at"
             *     ]
             */
            uniqueKey: string[] | null;
            /**
             * @example [
             *       "unique_fct_plays__account_id__played_at"
             *     ]
             */
            tests: string[];
            lastRun: components["schemas"]["TransformModelLastRunDto"] | null;
        };
        StatsQueryDto: {
            /**
             * Format: uuid
             * @description Account; optional when exactly one account exists.
             * @example 3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f
             */
            accountId?: string;
            /**
             * @description Start of the range, inclusive: ISO date (midnight in `tz`) or date-time (read in `tz` when it has no offset). Unbounded when absent.
             * @example 2025-01-01
             */
            from?: string;
            /**
             * @description End of the range, exclusive (same formats as `from`). Unbounded when absent.
             * @example 2026-01-01
             */
            to?: string;
            /**
             * @description IANA time zone for dates, buckets, weekdays and hours; default the account's zone, else UTC.
             * @example Europe/Berlin
             */
            tz?: string;
            /**
             * @description Rows to return (1–100) on ranked and list routes.
             * @default 10
             * @example 10
             */
            limit: number;
            /**
             * @description Ranking measure of the top routes (ties by name ascending).
             * @default plays
             * @enum {string}
             */
            by: "plays" | "minutes";
        };
        SummaryDto: {
            /** @example 1234 */
            plays: number;
            /**
             * @description Listening time in minutes (ms / 60000 summed, then rounded to 2 decimals).
             * @example 4321.57
             */
            minutes: number;
            /** @example 512 */
            distinctTracks: number;
            /** @example 180 */
            distinctArtists: number;
            /** @example 240 */
            distinctAlbums: number;
            /**
             * Format: date-time
             * @example 2025-01-01T08:12:45.123Z
             */
            firstPlayedAt: string | null;
            /**
             * Format: date-time
             * @example 2025-12-31T22:03:10.000Z
             */
            lastPlayedAt: string | null;
        };
        TopArtistDto: {
            /** @example 1 */
            rank: number;
            /**
             * @description Primary artist id; the name stands in when only a name is known.
             * @example 4Z8W4fKeB5YxbusRsdQVPb
             */
            artistId: string;
            /** @example Radiohead */
            name: string;
            /** @example 321 */
            plays: number;
            /** @example 1180.25 */
            minutes: number;
            /** @example https://i.scdn.co/image/ab6761610000e5eb */
            imageUrl: string | null;
        };
        ArtistRefDto: {
            /**
             * @description Spotify artist id, or the name when only a name is known.
             * @example 4Z8W4fKeB5YxbusRsdQVPb
             */
            id: string;
            /** @example Radiohead */
            name: string;
        };
        AlbumRefDto: {
            /**
             * @description Spotify album id, or "artist - album" for name-only imports.
             * @example 6dVIqQ8qmQ5GBnJ9shOYGE
             */
            id: string;
            /** @example OK Computer */
            name: string;
        };
        TopTrackDto: {
            /** @example 1 */
            rank: number;
            /**
             * @description Spotify track id, or "artist - track" for name-only imports.
             * @example 3SVAN3BRByDmHOhKyIDxfC
             */
            trackId: string;
            /** @example Paranoid Android */
            name: string;
            /** @description Credited artists in credit order. */
            artists: components["schemas"]["ArtistRefDto"][];
            album: components["schemas"]["AlbumRefDto"] | null;
            /** @example 42 */
            plays: number;
            /** @example 268.8 */
            minutes: number;
        };
        TopAlbumDto: {
            /** @example 1 */
            rank: number;
            /**
             * @description Spotify album id, or "artist - album" for name-only imports.
             * @example 6dVIqQ8qmQ5GBnJ9shOYGE
             */
            albumId: string;
            /** @example OK Computer */
            name: string;
            artists: components["schemas"]["ArtistRefDto"][];
            /** @example 97 */
            plays: number;
            /** @example 402.1 */
            minutes: number;
            /** @example https://i.scdn.co/image/ab67616d0000b273 */
            imageUrl: string | null;
        };
        TopGenreDto: {
            /** @example 1 */
            rank: number;
            /** @example art rock */
            genre: string;
            /** @example 640 */
            plays: number;
            /** @example 2301.4 */
            minutes: number;
        };
        ActivityBucketDto: {
            /**
             * @description day: YYYY-MM-DD; week: YYYY-MM-DD of its Monday; month: YYYY-MM; year: YYYY; weekday: 0 (Monday)–6; hour: 0–23.
             * @example 2025-03-30
             */
            bucket: string | number;
            /** @example 57 */
            plays: number;
            /** @example 190.33 */
            minutes: number;
        };
        HeatmapCellDto: {
            /**
             * @description 0 = Monday
             * @example 0
             */
            weekday: number;
            /** @example 18 */
            hour: number;
            /** @example 12 */
            plays: number;
            /** @example 40.5 */
            minutes: number;
        };
        RecentPlayDto: {
            /**
             * Format: date-time
             * @example 2025-12-31T22:03:10.000Z
             */
            playedAt: string;
            /** @example 3SVAN3BRByDmHOhKyIDxfC */
            trackId: string;
            /** @example Paranoid Android */
            name: string | null;
            artists: components["schemas"]["ArtistRefDto"][];
            album: components["schemas"]["AlbumRefDto"] | null;
            /**
             * @description Listening time of this play.
             * @example 6.39
             */
            minutes: number;
            /**
             * @example poll
             * @enum {string}
             */
            source: "poll" | "extended_history" | "account_data";
        };
        DiscoveryDto: {
            /** @example 4Z8W4fKeB5YxbusRsdQVPb */
            artistId: string;
            /** @example Radiohead */
            name: string;
            /**
             * Format: date-time
             * @description First play of the artist ever (inside the range by definition).
             * @example 2025-02-14T19:30:00.000Z
             */
            firstPlayedAt: string;
            /** @example https://i.scdn.co/image/ab6761610000e5eb */
            imageUrl: string | null;
        };
        StreakDto: {
            /** @example 23 */
            days: number;
            /**
             * Format: date
             * @example 2025-06-01
             */
            from: string | null;
            /**
             * Format: date
             * @description Last day of the streak (inclusive).
             * @example 2025-06-23
             */
            to: string | null;
        };
        StreaksDto: {
            /**
             * @description Days in the streak that ends today or yesterday (in tz), 0 when there is none.
             * @example 4
             */
            current: number;
            longest: components["schemas"]["StreakDto"];
        };
        SessionDto: {
            /** @example 1 */
            rank: number;
            /**
             * Format: date-time
             * @example 2025-08-09T20:01:00.000Z
             */
            start: string;
            /**
             * Format: date-time
             * @description End of the last play (start + listening time).
             * @example 2025-08-10T01:47:12.000Z
             */
            end: string;
            /** @example 81 */
            plays: number;
            /** @example 77 */
            distinctTracks: number;
            /** @example 338.2 */
            minutes: number;
        };
        BusiestDayDto: {
            /**
             * Format: date
             * @example 2025-08-09
             */
            date: string;
            /** @example 140 */
            plays: number;
            /** @example 512.75 */
            minutes: number;
        };
        DiscoveryCountsDto: {
            /**
             * @description Artists heard for the first time in the year.
             * @example 85
             */
            artists: number;
            /**
             * @description Tracks heard for the first time in the year.
             * @example 1020
             */
            tracks: number;
            /** @description The first new artists of the year, in order of discovery (up to `limit`). */
            firstArtists: components["schemas"]["DiscoveryDto"][];
        };
        WrappedDto: {
            /** @example 2025 */
            year: number;
            /** @example Europe/Berlin */
            timeZone: string;
            totals: components["schemas"]["SummaryDto"];
            /**
             * @description Days with at least one play.
             * @example 287
             */
            listeningDays: number;
            topArtists: components["schemas"]["TopArtistDto"][];
            topTracks: components["schemas"]["TopTrackDto"][];
            topAlbums: components["schemas"]["TopAlbumDto"][];
            topGenres: components["schemas"]["TopGenreDto"][];
            /** @description Day with the most plays (by=minutes: listening time); ties: earliest. */
            busiestDay: components["schemas"]["BusiestDayDto"] | null;
            /** @description Busiest hour of the week; ties: earliest cell. */
            busiestHourOfWeek: components["schemas"]["HeatmapCellDto"] | null;
            /** @description All 168 hour-of-week cells. */
            hourOfWeek: components["schemas"]["HeatmapCellDto"][];
            discoveries: components["schemas"]["DiscoveryCountsDto"];
            longestStreak: components["schemas"]["StreakDto"];
            longestSession: components["schemas"]["SessionDto"] | null;
        };
        HourDto: {
            /** @example 21 */
            hour: number;
            /** @example 14 */
            plays: number;
            /** @example 52.3 */
            minutes: number;
        };
        ArtistStatsDto: {
            /**
             * @description The key asked for: an id, or the name key of a name-only import.
             * @example 4Z8W4fKeB5YxbusRsdQVPb
             */
            key: string;
            /** @example Radiohead */
            name: string;
            /**
             * @description Plays inside the range.
             * @example 321
             */
            plays: number;
            /**
             * @description Listening time inside the range (minutes).
             * @example 1180.25
             */
            minutes: number;
            /**
             * @description Rank among the range's artists (tracks, albums, genres) by `by`, as its top list would rank it; null without plays in the range.
             * @example 3
             */
            rank: number | null;
            /**
             * Format: date-time
             * @description First play ever (not only in the range).
             * @example 2019-04-02T18:03:00.000Z
             */
            firstPlayedAt: string;
            /**
             * Format: date-time
             * @description Last play ever (not only in the range).
             * @example 2025-12-30T21:14:09.000Z
             */
            lastPlayedAt: string;
            /**
             * @description Bucket of `activity`: day for a range shorter than 90 days (both bounds given), else month.
             * @example month
             * @enum {string}
             */
            activityBucket: "day" | "month";
            /** @description Plays and minutes per month (YYYY-MM) or day (YYYY-MM-DD) in tz, buckets with plays, ascending. */
            activity: components["schemas"]["ActivityBucketDto"][];
            /** @description 24 hours of the day in tz (0–23), zeros included. */
            hours: components["schemas"]["HourDto"][];
            /** @example https://i.scdn.co/image/ab6761610000e5eb */
            imageUrl: string | null;
            /**
             * @description The artist's genres (none for a name-only artist).
             * @example [
             *       "art rock",
             *       "alternative rock"
             *     ]
             */
            genres: string[];
            /** @description The artist's tracks (as primary artist) in the range, ranked (up to limit). */
            topTracks: components["schemas"]["TopTrackDto"][];
            /** @description Albums of the artist's plays in the range, ranked (up to limit). */
            topAlbums: components["schemas"]["TopAlbumDto"][];
        };
        TrackStatsDto: {
            /**
             * @description The key asked for: an id, or the name key of a name-only import.
             * @example 4Z8W4fKeB5YxbusRsdQVPb
             */
            key: string;
            /** @example Radiohead */
            name: string;
            /**
             * @description Plays inside the range.
             * @example 321
             */
            plays: number;
            /**
             * @description Listening time inside the range (minutes).
             * @example 1180.25
             */
            minutes: number;
            /**
             * @description Rank among the range's artists (tracks, albums, genres) by `by`, as its top list would rank it; null without plays in the range.
             * @example 3
             */
            rank: number | null;
            /**
             * Format: date-time
             * @description First play ever (not only in the range).
             * @example 2019-04-02T18:03:00.000Z
             */
            firstPlayedAt: string;
            /**
             * Format: date-time
             * @description Last play ever (not only in the range).
             * @example 2025-12-30T21:14:09.000Z
             */
            lastPlayedAt: string;
            /**
             * @description Bucket of `activity`: day for a range shorter than 90 days (both bounds given), else month.
             * @example month
             * @enum {string}
             */
            activityBucket: "day" | "month";
            /** @description Plays and minutes per month (YYYY-MM) or day (YYYY-MM-DD) in tz, buckets with plays, ascending. */
            activity: components["schemas"]["ActivityBucketDto"][];
            /** @description 24 hours of the day in tz (0–23), zeros included. */
            hours: components["schemas"]["HourDto"][];
            /** @description Credited artists in credit order. */
            artists: components["schemas"]["ArtistRefDto"][];
            album: components["schemas"]["AlbumRefDto"] | null;
            /** @description Longest run of consecutive days (in tz) with a play of the track inside the range. */
            longestStreak: components["schemas"]["StreakDto"];
        };
        AlbumStatsDto: {
            /**
             * @description The key asked for: an id, or the name key of a name-only import.
             * @example 4Z8W4fKeB5YxbusRsdQVPb
             */
            key: string;
            /** @example Radiohead */
            name: string;
            /**
             * @description Plays inside the range.
             * @example 321
             */
            plays: number;
            /**
             * @description Listening time inside the range (minutes).
             * @example 1180.25
             */
            minutes: number;
            /**
             * @description Rank among the range's artists (tracks, albums, genres) by `by`, as its top list would rank it; null without plays in the range.
             * @example 3
             */
            rank: number | null;
            /**
             * Format: date-time
             * @description First play ever (not only in the range).
             * @example 2019-04-02T18:03:00.000Z
             */
            firstPlayedAt: string;
            /**
             * Format: date-time
             * @description Last play ever (not only in the range).
             * @example 2025-12-30T21:14:09.000Z
             */
            lastPlayedAt: string;
            /**
             * @description Bucket of `activity`: day for a range shorter than 90 days (both bounds given), else month.
             * @example month
             * @enum {string}
             */
            activityBucket: "day" | "month";
            /** @description Plays and minutes per month (YYYY-MM) or day (YYYY-MM-DD) in tz, buckets with plays, ascending. */
            activity: components["schemas"]["ActivityBucketDto"][];
            /** @description 24 hours of the day in tz (0–23), zeros included. */
            hours: components["schemas"]["HourDto"][];
            /** @description Album artists (the first play’s artist for a name-only album). */
            artists: components["schemas"]["ArtistRefDto"][];
            /** @example https://i.scdn.co/image/ab67616d0000b273 */
            imageUrl: string | null;
            /** @description The album's tracks played in the range, ranked (up to limit). */
            tracks: components["schemas"]["TopTrackDto"][];
        };
        GenreStatsDto: {
            /**
             * @description The key asked for: an id, or the name key of a name-only import.
             * @example 4Z8W4fKeB5YxbusRsdQVPb
             */
            key: string;
            /** @example Radiohead */
            name: string;
            /**
             * @description Plays inside the range.
             * @example 321
             */
            plays: number;
            /**
             * @description Listening time inside the range (minutes).
             * @example 1180.25
             */
            minutes: number;
            /**
             * @description Rank among the range's artists (tracks, albums, genres) by `by`, as its top list would rank it; null without plays in the range.
             * @example 3
             */
            rank: number | null;
            /**
             * Format: date-time
             * @description First play ever (not only in the range).
             * @example 2019-04-02T18:03:00.000Z
             */
            firstPlayedAt: string;
            /**
             * Format: date-time
             * @description Last play ever (not only in the range).
             * @example 2025-12-30T21:14:09.000Z
             */
            lastPlayedAt: string;
            /**
             * @description Bucket of `activity`: day for a range shorter than 90 days (both bounds given), else month.
             * @example month
             * @enum {string}
             */
            activityBucket: "day" | "month";
            /** @description Plays and minutes per month (YYYY-MM) or day (YYYY-MM-DD) in tz, buckets with plays, ascending. */
            activity: components["schemas"]["ActivityBucketDto"][];
            /** @description 24 hours of the day in tz (0–23), zeros included. */
            hours: components["schemas"]["HourDto"][];
            /** @description Artists of the genre in the range, ranked (up to limit). */
            topArtists: components["schemas"]["TopArtistDto"][];
        };
        CompareItemDto: {
            /** @example 1 */
            rank: number;
            /**
             * @description The key the top lists and the entity routes use (a genre: its name).
             * @example 4Z8W4fKeB5YxbusRsdQVPb
             */
            key: string;
            /** @example Radiohead */
            name: string;
            /** @example 120 */
            plays: number;
            /** @example 430.5 */
            minutes: number;
            /**
             * @description Rank in the compared range; null when absent from it.
             * @example 4
             */
            previousRank: number | null;
            /**
             * @description Plays in the compared range (0 when absent).
             * @example 61
             */
            previousPlays: number;
            /** @example 220.75 */
            previousMinutes: number;
            /**
             * @description previousRank − rank: positive moved up, negative moved down, 0 the same; null when new.
             * @example 3
             */
            movement: number | null;
        };
        CompareTotalsDto: {
            /**
             * @description Plays inside [from, to).
             * @example 2400
             */
            plays: number;
            /** @example 8123.4 */
            minutes: number;
            /**
             * @description Plays inside [compareFrom, compareTo).
             * @example 2100
             */
            previousPlays: number;
            /** @example 7011.9 */
            previousMinutes: number;
        };
        CompareDto: {
            items: components["schemas"]["CompareItemDto"][];
            totals: components["schemas"]["CompareTotalsDto"];
        };
        SearchResultsDto: {
            /** @description Matching artists, most played first (rank: position among the matches). */
            artists: components["schemas"]["TopArtistDto"][];
            tracks: components["schemas"]["TopTrackDto"][];
            albums: components["schemas"]["TopAlbumDto"][];
        };
        OnThisDayYearDto: {
            /** @example 2023 */
            year: number;
            /**
             * Format: date
             * @example 2023-05-14
             */
            date: string;
            /** @example 37 */
            plays: number;
            /** @example 121.8 */
            minutes: number;
            topArtists: components["schemas"]["TopArtistDto"][];
            topTracks: components["schemas"]["TopTrackDto"][];
        };
        OnThisDayDto: {
            /**
             * Format: date
             * @example 2026-05-14
             */
            date: string;
            /** @example Europe/Berlin */
            timeZone: string;
            /** @description Earlier years with plays on that local date, newest first. */
            years: components["schemas"]["OnThisDayYearDto"][];
        };
        ForgottenDto: {
            /** @example 1 */
            rank: number;
            /** @example 4Z8W4fKeB5YxbusRsdQVPb */
            key: string;
            /** @example Radiohead */
            name: string;
            /**
             * @description Plays ever (all before `since`).
             * @example 212
             */
            plays: number;
            /** @example 800.4 */
            minutes: number;
            /**
             * Format: date-time
             * @example 2021-02-11T09:12:00.000Z
             */
            firstPlayedAt: string;
            /**
             * Format: date-time
             * @example 2025-01-30T20:45:10.000Z
             */
            lastPlayedAt: string;
        };
        ForgottenFavouritesDto: {
            /**
             * Format: date
             * @description Six months before today in tz: nothing was played from this local day on.
             * @example 2025-11-14
             */
            since: string;
            /**
             * @example artists
             * @enum {string}
             */
            dimension: "artists" | "tracks" | "albums" | "genres";
            /** @description Most played first (by), ties by name. */
            items: components["schemas"]["ForgottenDto"][];
        };
        BehaviourEntityDto: {
            /**
             * @example artist
             * @enum {string}
             */
            kind: "artist" | "track" | "album";
            /**
             * @description The key asked for: an id, or the name key of a name-only import.
             * @example 4Z8W4fKeB5YxbusRsdQVPb
             */
            key: string;
            /** @example Radiohead */
            name: string;
        };
        BehaviourShareDto: {
            /**
             * @description Plays for which it is true.
             * @example 120
             */
            plays: number;
            /**
             * @description Plays that record it (true or false).
             * @example 800
             */
            knownPlays: number;
            /**
             * @description plays ÷ knownPlays, rounded to 4 decimals; null when no play records it.
             * @example 0.15
             */
            share: number | null;
        };
        BehaviourCountDto: {
            /**
             * @description The platform family or reason, as the export names it.
             * @example android
             */
            name: string;
            /** @example 512 */
            plays: number;
            /**
             * @description plays ÷ the breakdown’s knownPlays, rounded to 4 decimals.
             * @example 0.64
             */
            share: number;
        };
        BehaviourBreakdownDto: {
            /**
             * @description Plays that record a value.
             * @example 800
             */
            knownPlays: number;
            /** @description Values with plays, most plays first (ties by name). */
            items: components["schemas"]["BehaviourCountDto"][];
        };
        BehaviourDto: {
            /** @description The artist, track or album the plays are restricted to (null: every play of the range). */
            entity: components["schemas"]["BehaviourEntityDto"] | null;
            /**
             * @description Plays inside the range.
             * @example 1234
             */
            plays: number;
            /**
             * @description Plays that record listening behaviour: extended-history imports. Polled plays and account-data imports record none, so every share below is over the plays that record it.
             * @example 800
             */
            knownPlays: number;
            /** @description Skipped plays: the skip rate. */
            skipped: components["schemas"]["BehaviourShareDto"];
            /** @description Plays in shuffle mode. */
            shuffle: components["schemas"]["BehaviourShareDto"];
            /** @description Plays in offline mode. */
            offline: components["schemas"]["BehaviourShareDto"];
            /** @description Platform families (android, ios, windows, macos, linux, web, cast, other). */
            platforms: components["schemas"]["BehaviourBreakdownDto"];
            /** @description Why a play started (trackdone, clickrow, fwdbtn, …). */
            reasonStart: components["schemas"]["BehaviourBreakdownDto"];
            /** @description Why a play ended (trackdone, fwdbtn, endplay, …). */
            reasonEnd: components["schemas"]["BehaviourBreakdownDto"];
        };
        PublicTopArtistDto: {
            /** @example 1 */
            rank: number;
            /** @example Radiohead */
            name: string;
            /** @example 321 */
            plays: number;
            /** @example 1180.25 */
            minutes: number;
            /** @example https://i.scdn.co/image/ab6761610000e5eb */
            imageUrl: string | null;
        };
        PublicRefDto: {
            /** @example Radiohead */
            name: string;
        };
        PublicTopTrackDto: {
            /** @example 1 */
            rank: number;
            /** @example Paranoid Android */
            name: string;
            /** @example 42 */
            plays: number;
            /** @example 268.8 */
            minutes: number;
            /** @description Credited artists in credit order. */
            artists: components["schemas"]["PublicRefDto"][];
            album: components["schemas"]["PublicRefDto"] | null;
        };
        PublicTopAlbumDto: {
            /** @example 1 */
            rank: number;
            /** @example OK Computer */
            name: string;
            /** @example 97 */
            plays: number;
            /** @example 402.1 */
            minutes: number;
            /** @example https://i.scdn.co/image/ab67616d0000b273 */
            imageUrl: string | null;
            artists: components["schemas"]["PublicRefDto"][];
        };
        PublicDiscoveryDto: {
            /** @example Radiohead */
            name: string;
            /**
             * Format: date-time
             * @description First play of the artist ever (inside the range by definition).
             * @example 2025-02-14T19:30:00.000Z
             */
            firstPlayedAt: string;
            /** @example https://i.scdn.co/image/ab6761610000e5eb */
            imageUrl: string | null;
        };
        PublicDiscoveryCountsDto: {
            /**
             * @description Artists heard for the first time in the year.
             * @example 85
             */
            artists: number;
            /**
             * @description Tracks heard for the first time in the year.
             * @example 1020
             */
            tracks: number;
            /** @description The first new artists of the year, in order of discovery. */
            firstArtists: components["schemas"]["PublicDiscoveryDto"][];
        };
        PublicWrappedDto: {
            /** @example 2025 */
            year: number;
            /** @example Europe/Berlin */
            timeZone: string;
            totals: components["schemas"]["SummaryDto"];
            /**
             * @description Days with at least one play.
             * @example 287
             */
            listeningDays: number;
            topGenres: components["schemas"]["TopGenreDto"][];
            /** @description Day with the most plays (by=minutes: listening time); ties: earliest. */
            busiestDay: components["schemas"]["BusiestDayDto"] | null;
            /** @description Busiest hour of the week; ties: earliest cell. */
            busiestHourOfWeek: components["schemas"]["HeatmapCellDto"] | null;
            /** @description All 168 hour-of-week cells. */
            hourOfWeek: components["schemas"]["HeatmapCellDto"][];
            longestStreak: components["schemas"]["StreakDto"];
            longestSession: components["schemas"]["SessionDto"] | null;
            topArtists: components["schemas"]["PublicTopArtistDto"][];
            topTracks: components["schemas"]["PublicTopTrackDto"][];
            topAlbums: components["schemas"]["PublicTopAlbumDto"][];
            discoveries: components["schemas"]["PublicDiscoveryCountsDto"];
        };
        PublicWrappedShareDto: {
            /**
             * Format: date-time
             * @description When the link stops working; null: never
             */
            expiresAt: string | null;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "wrapped";
            /** @example 2025 */
            year: number;
            wrapped: components["schemas"]["PublicWrappedDto"];
        };
        PublicRangeDto: {
            summary: components["schemas"]["SummaryDto"];
            topArtists: components["schemas"]["PublicTopArtistDto"][];
            topTracks: components["schemas"]["PublicTopTrackDto"][];
            topAlbums: components["schemas"]["PublicTopAlbumDto"][];
            topGenres: components["schemas"]["TopGenreDto"][];
        };
        PublicRangeShareDto: {
            /**
             * Format: date-time
             * @description When the link stops working; null: never
             */
            expiresAt: string | null;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "range";
            /**
             * Format: date
             * @description First day, inclusive
             * @example 2025-06-01
             */
            from: string;
            /**
             * Format: date
             * @description Last day, exclusive
             * @example 2025-09-01
             */
            to: string;
            range: components["schemas"]["PublicRangeDto"];
        };
        /** @description Every 4xx and 5xx answer of the API, from the gateway and from every service. */
        ApiError: {
            /** @example 400 */
            statusCode: number;
            /**
             * @description HTTP reason phrase
             * @example Bad Request
             */
            error: string;
            /**
             * @description What was wrong, naming the parameter
             * @example limit must be an integer from 1 to 100
             */
            message: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    AccountsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example [
                     *       {
                     *         "id": "3f1c…",
                     *         "spotifyUserId": "alice",
                     *         "displayName": "Alice",
                     *         "status": "active",
                     *         "tokenExpiresAt": "2026-11-20T13:00:00.000Z",
                     *         "lastRefreshAt": "2026-11-20T12:00:00.000Z",
                     *         "statusReason": null,
                     *         "label": null,
                     *         "isDemo": false,
                     *         "timeZone": "Europe/Berlin",
                     *         "refreshTokenExpiresAt": "2027-05-20T12:00:00.000Z"
                     *       }
                     *     ]
                     */
                    "application/json": components["schemas"]["AccountDto"][];
                };
            };
            /** @description No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Missing or invalid API token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    AccountsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateAccountDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedAccountDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "refreshToken was refused by Spotify: Invalid refresh token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Missing or invalid API token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description A request signed in by the session cookie whose Origin (or Referer) is not this site's own pages. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 403,
                     *       "error": "Forbidden",
                     *       "message": "Cross-site request refused: a POST signed in by cookie must come from Rewind's own pages (Origin https://example.org is not this site)"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 409,
                     *       "error": "Conflict",
                     *       "message": "At most 5 Spotify accounts can be connected …"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Spotify is not configured or not reachable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    AccountsController_remove: {
        parameters: {
            query?: {
                /** @description Also delete every play, import, ingest run and mart row of the account */
                purge?: boolean;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "id must be a UUID"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Missing or invalid API token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description A request signed in by the session cookie whose Origin (or Referer) is not this site's own pages. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 403,
                     *       "error": "Forbidden",
                     *       "message": "Cross-site request refused: a POST signed in by cookie must come from Rewind's own pages (Origin https://example.org is not this site)"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "No account with id …"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    AccountsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateAccountDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "timeZone must be an IANA time zone name such as Europe/Berlin or America/New_York, got \"Mars/Olympus\""
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Missing or invalid API token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description A request signed in by the session cookie whose Origin (or Referer) is not this site's own pages. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 403,
                     *       "error": "Forbidden",
                     *       "message": "Cross-site request refused: a POST signed in by cookie must come from Rewind's own pages (Origin https://example.org is not this site)"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "No account with id …"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    LoginController_callback: {
        parameters: {
            query: {
                code?: string;
                state: string;
                /** @description e.g. access_denied when the user declined */
                error?: string;
                /** @description Spotify's explanation of `error` */
                error_description?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Location: / (the account is connected); Set-Cookie: rewind_session (httpOnly, SameSite=Lax, Secure under https) */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unknown, used or expired state; Spotify refused the code (HTML page, or JSON with Accept: application/json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The user declined access */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    LoginController_start: {
        parameters: {
            query?: {
                /** @description Ask Spotify to show the consent dialog even if already approved (to switch users) */
                showDialog?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Location: ${SPOTIFY_ACCOUNTS_URL}/authorize?client_id=…&response_type=code&redirect_uri=…&scope=…&state=…&code_challenge_method=S256&code_challenge=… */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description SPOTIFY_CLIENT_ID is not configured; the message explains how to set up a Spotify app */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    SessionsController_logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["LogoutDto"];
            };
        };
        responses: {
            /** @description Signed out (also when there was no session) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Missing or invalid API token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description A request signed in by the session cookie whose Origin (or Referer) is not this site's own pages. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 403,
                     *       "error": "Forbidden",
                     *       "message": "Cross-site request refused: a POST signed in by cookie must come from Rewind's own pages (Origin https://example.org is not this site)"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    SessionsController_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeDto"];
                };
            };
            /** @description Neither a session nor the API token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    SharesController_list: {
        parameters: {
            query?: {
                /** @description Only this account (UUID) */
                accountId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShareDto"][];
                };
            };
            /** @description No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Missing or invalid API token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    SharesController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateShareDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedShareDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "from (2025-09-01) must be before to (2025-06-01)"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Missing or invalid API token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description A request signed in by the session cookie whose Origin (or Referer) is not this site's own pages. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 403,
                     *       "error": "Forbidden",
                     *       "message": "Cross-site request refused: a POST signed in by cookie must come from Rewind's own pages (Origin https://example.org is not this site)"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Unknown account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    SharesController_revoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Missing or invalid API token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description A request signed in by the session cookie whose Origin (or Referer) is not this site's own pages. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 403,
                     *       "error": "Forbidden",
                     *       "message": "Cross-site request refused: a POST signed in by cookie must come from Rewind's own pages (Origin https://example.org is not this site)"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such share (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    SystemHealthController_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Everything is up (or degraded but serving) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ok",
                     *       "services": {
                     *         "auth": {
                     *           "status": "ok"
                     *         },
                     *         "ingest": {
                     *           "status": "ok"
                     *         },
                     *         "transform": {
                     *           "status": "ok"
                     *         },
                     *         "stats": {
                     *           "status": "ok"
                     *         }
                     *       },
                     *       "database": {
                     *         "status": "ok"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["SystemHealthDto"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description A service or the database is down (the same document, not an error) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "degraded",
                     *       "services": {
                     *         "auth": {
                     *           "status": "ok"
                     *         },
                     *         "ingest": {
                     *           "status": "ok"
                     *         },
                     *         "transform": {
                     *           "status": "ok"
                     *         },
                     *         "stats": {
                     *           "status": "down",
                     *           "reason": "not reachable"
                     *         }
                     *       },
                     *       "database": {
                     *         "status": "ok"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["SystemHealthDto"];
                };
            };
        };
    };
    EnrichmentController_progress: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnrichmentProgressDto"];
                };
            };
            /** @description No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Missing or invalid API token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    ImportsController_create: {
        parameters: {
            query: {
                /** @description The account the history belongs to (a signed-in listener's own when omitted) */
                accountId: unknown;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /** @description my_spotify_data.zip, or Streaming_History_Audio_*.json / StreamingHistory_music_*.json files */
                    files: string[];
                };
            };
        };
        responses: {
            /** @description Queued */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportCreatedDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "my_spotify_data.zip holds an entry with an unsafe path (\"../evil.json\"): absolute paths and \"..\" are refused"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Missing or invalid API token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description A request signed in by the session cookie whose Origin (or Referer) is not this site's own pages. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 403,
                     *       "error": "Forbidden",
                     *       "message": "Cross-site request refused: a POST signed in by cookie must come from Rewind's own pages (Origin https://example.org is not this site)"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "No account with accountId 0b9e3f5a-6f55-4d36-8a57-0f1a9c1c2b3d"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 413,
                     *       "error": "Payload Too Large",
                     *       "message": "Upload is larger than the limit of 1073741824 bytes (IMPORT_MAX_BYTES)"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 415,
                     *       "error": "Unsupported Media Type",
                     *       "message": "notes.pdf is neither JSON nor a zip: upload the .json files of a Spotify privacy export, or the export's .zip"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    ImportsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportStatusDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "id must be a UUID"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Missing or invalid API token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "No import with id 5d0b8c62-1f1e-4a47-9a55-0d2b1d0b9a11"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    NotifyController_list: {
        parameters: {
            query?: {
                /** @description Newest rows first. */
                limit?: number;
                /** @description Only rows with this status. */
                status?: "pending" | "sent" | "failed" | "suppressed";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationListDto"];
                };
            };
            /** @description Invalid parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "limit must be an integer between 1 and 500"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Missing or invalid API token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    "NotifyController_test[0]": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TestNotificationResultDto"];
                };
            };
            /** @description No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Missing or invalid API token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description A request signed in by the session cookie whose Origin (or Referer) is not this site's own pages. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 403,
                     *       "error": "Forbidden",
                     *       "message": "Cross-site request refused: a POST signed in by cookie must come from Rewind's own pages (Origin https://example.org is not this site)"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Notifications are off. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 409,
                     *       "error": "Conflict",
                     *       "message": "NOTIFY_WEBHOOK_URL is not set: notifications are off (set it and restart ingest-service)"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    "NotifyController_test[1]": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TestNotificationResultDto"];
                };
            };
            /** @description No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Missing or invalid API token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description A request signed in by the session cookie whose Origin (or Referer) is not this site's own pages. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 403,
                     *       "error": "Forbidden",
                     *       "message": "Cross-site request refused: a POST signed in by cookie must come from Rewind's own pages (Origin https://example.org is not this site)"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Notifications are off. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 409,
                     *       "error": "Conflict",
                     *       "message": "NOTIFY_WEBHOOK_URL is not set: notifications are off (set it and restart ingest-service)"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    RunsController_list: {
        parameters: {
            query?: {
                /** @description Rows to return */
                limit?: number;
                /** @description Only this account */
                accountId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunDto"][];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "limit must be an integer between 1 and 100"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Missing or invalid API token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    RunsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CreateIngestRunDto"];
            };
        };
        responses: {
            /** @description Started */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunCreatedDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "accountId must be a UUID"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Missing or invalid API token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description A request signed in by the session cookie whose Origin (or Referer) is not this site's own pages. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 403,
                     *       "error": "Forbidden",
                     *       "message": "Cross-site request refused: a POST signed in by cookie must come from Rewind's own pages (Origin https://example.org is not this site)"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "No account with accountId 0b9e3f5a-6f55-4d36-8a57-0f1a9c1c2b3d"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    ShareController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The id from POST /api/auth/shares */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description kind and expiresAt, then either year + wrapped (the Wrapped document) or from, to + range (summary and top lists) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublicWrappedShareDto"] | components["schemas"]["PublicRangeShareDto"];
                };
            };
            /** @description Unknown, revoked or expired */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description SHARE_RATE_LIMIT_PER_MINUTE exceeded (per client address) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    StatsController_activity: {
        parameters: {
            query?: {
                /** @description Account; optional when exactly one account exists. */
                accountId?: string;
                /** @description Start of the range, inclusive: ISO date (midnight in `tz`) or date-time (read in `tz` when it has no offset). Unbounded when absent. */
                from?: string;
                /** @description End of the range, exclusive (same formats as `from`). Unbounded when absent. */
                to?: string;
                /** @description IANA time zone for dates, buckets, weekdays and hours; default the account's zone, else UTC. */
                tz?: string;
                /** @description Rows to return (1–100) on ranked and list routes. */
                limit?: number;
                /** @description Ranking measure of the top routes (ties by name ascending). */
                by?: "plays" | "minutes";
                /** @description Bucket size; week buckets start on Monday; weekday 0 = Monday. */
                bucket?: "day" | "week" | "month" | "year" | "weekday" | "hour";
            };
            header?: {
                /** @description ETag of a previous answer: 304 while no transform run has finished since. */
                "If-None-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The answer; `ETag` changes with every finished transform run, `Cache-Control: private, no-cache` (revalidate before reuse). */
            200: {
                headers: {
                    /** @description Tag of this answer under the current marts version (send it back as If-None-Match). */
                    ETag?: string;
                    /** @description `private, no-cache` */
                    "Cache-Control"?: string;
                    /** @description What answered: `memory` (computed from the account's state held in memory), `transient` (the account is over the memory budget: its plays were read for this answer) or `cache` (a stored answer). */
                    "X-Rewind-Stats-Source"?: "memory" | "transient" | "cache";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example [
                     *       {
                     *         "bucket": "2025-03-29",
                     *         "plays": 41,
                     *         "minutes": 150.02
                     *       },
                     *       {
                     *         "bucket": "2025-03-30",
                     *         "plays": 57,
                     *         "minutes": 190.33
                     *       }
                     *     ]
                     */
                    "application/json": components["schemas"]["ActivityBucketDto"][];
                };
            };
            /** @description The client copy (If-None-Match) is still current. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "tz must be an IANA time zone name (e.g. Europe/Berlin), got \"Mars/Olympus\""
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Missing or invalid API token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Unknown account. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "accountId: no account with id 3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    InsightsController_album: {
        parameters: {
            query?: {
                /** @description Account; optional when exactly one account exists. */
                accountId?: string;
                /** @description Start of the range, inclusive: ISO date (midnight in `tz`) or date-time (read in `tz` when it has no offset). Unbounded when absent. */
                from?: string;
                /** @description End of the range, exclusive (same formats as `from`). Unbounded when absent. */
                to?: string;
                /** @description IANA time zone for dates, buckets, weekdays and hours; default the account's zone, else UTC. */
                tz?: string;
                /** @description Rows to return (1–100) on ranked and list routes. */
                limit?: number;
                /** @description Ranking measure of the top routes (ties by name ascending). */
                by?: "plays" | "minutes";
            };
            header?: {
                /** @description ETag of a previous answer: 304 while no transform run has finished since. */
                "If-None-Match"?: string;
            };
            path: {
                /** @description The key the top lists return: a Spotify id, or the name key of a name-only import (artist name; "artist - track"; "artist - album"), URL-encoded. */
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The answer; `ETag` changes with every finished transform run, `Cache-Control: private, no-cache` (revalidate before reuse). */
            200: {
                headers: {
                    /** @description Tag of this answer under the current marts version (send it back as If-None-Match). */
                    ETag?: string;
                    /** @description `private, no-cache` */
                    "Cache-Control"?: string;
                    /** @description What answered: `memory` (computed from the account's state held in memory), `transient` (the account is over the memory budget: its plays were read for this answer) or `cache` (a stored answer). */
                    "X-Rewind-Stats-Source"?: "memory" | "transient" | "cache";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "key": "6dVIqQ8qmQ5GBnJ9shOYGE",
                     *       "name": "OK Computer",
                     *       "plays": 321,
                     *       "minutes": 1180.25,
                     *       "rank": 3,
                     *       "firstPlayedAt": "2019-04-02T18:03:00.000Z",
                     *       "lastPlayedAt": "2025-12-30T21:14:09.000Z",
                     *       "activityBucket": "month",
                     *       "activity": [
                     *         {
                     *           "bucket": "2025-01",
                     *           "plays": 30,
                     *           "minutes": 110.5
                     *         },
                     *         {
                     *           "bucket": "2025-02",
                     *           "plays": 12,
                     *           "minutes": 40.2
                     *         }
                     *       ],
                     *       "hours": [
                     *         {
                     *           "hour": 21,
                     *           "plays": 14,
                     *           "minutes": 52.3
                     *         }
                     *       ],
                     *       "artists": [
                     *         {
                     *           "id": "4Z8W4fKeB5YxbusRsdQVPb",
                     *           "name": "Radiohead"
                     *         }
                     *       ],
                     *       "imageUrl": "https://i.scdn.co/image/ab67616d0000b273",
                     *       "tracks": [
                     *         {
                     *           "rank": 1,
                     *           "trackId": "3SVAN3BRByDmHOhKyIDxfC",
                     *           "name": "Paranoid Android",
                     *           "artists": [
                     *             {
                     *               "id": "4Z8W4fKeB5YxbusRsdQVPb",
                     *               "name": "Radiohead"
                     *             }
                     *           ],
                     *           "album": {
                     *             "id": "6dVIqQ8qmQ5GBnJ9shOYGE",
                     *             "name": "OK Computer"
                     *           },
                     *           "plays": 42,
                     *           "minutes": 268.8
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["AlbumStatsDto"];
                };
            };
            /** @description The client copy (If-None-Match) is still current. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "tz must be an IANA time zone name (e.g. Europe/Berlin), got \"Mars/Olympus\""
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Missing or invalid API token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Unknown account, or a key this account never played (the message names it). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "accountId: no account with id 3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    InsightsController_artist: {
        parameters: {
            query?: {
                /** @description Account; optional when exactly one account exists. */
                accountId?: string;
                /** @description Start of the range, inclusive: ISO date (midnight in `tz`) or date-time (read in `tz` when it has no offset). Unbounded when absent. */
                from?: string;
                /** @description End of the range, exclusive (same formats as `from`). Unbounded when absent. */
                to?: string;
                /** @description IANA time zone for dates, buckets, weekdays and hours; default the account's zone, else UTC. */
                tz?: string;
                /** @description Rows to return (1–100) on ranked and list routes. */
                limit?: number;
                /** @description Ranking measure of the top routes (ties by name ascending). */
                by?: "plays" | "minutes";
            };
            header?: {
                /** @description ETag of a previous answer: 304 while no transform run has finished since. */
                "If-None-Match"?: string;
            };
            path: {
                /** @description The key the top lists return: a Spotify id, or the name key of a name-only import (artist name; "artist - track"; "artist - album"), URL-encoded. */
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The answer; `ETag` changes with every finished transform run, `Cache-Control: private, no-cache` (revalidate before reuse). */
            200: {
                headers: {
                    /** @description Tag of this answer under the current marts version (send it back as If-None-Match). */
                    ETag?: string;
                    /** @description `private, no-cache` */
                    "Cache-Control"?: string;
                    /** @description What answered: `memory` (computed from the account's state held in memory), `transient` (the account is over the memory budget: its plays were read for this answer) or `cache` (a stored answer). */
                    "X-Rewind-Stats-Source"?: "memory" | "transient" | "cache";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "key": "4Z8W4fKeB5YxbusRsdQVPb",
                     *       "name": "Radiohead",
                     *       "plays": 321,
                     *       "minutes": 1180.25,
                     *       "rank": 3,
                     *       "firstPlayedAt": "2019-04-02T18:03:00.000Z",
                     *       "lastPlayedAt": "2025-12-30T21:14:09.000Z",
                     *       "activityBucket": "month",
                     *       "activity": [
                     *         {
                     *           "bucket": "2025-01",
                     *           "plays": 30,
                     *           "minutes": 110.5
                     *         },
                     *         {
                     *           "bucket": "2025-02",
                     *           "plays": 12,
                     *           "minutes": 40.2
                     *         }
                     *       ],
                     *       "hours": [
                     *         {
                     *           "hour": 21,
                     *           "plays": 14,
                     *           "minutes": 52.3
                     *         }
                     *       ],
                     *       "imageUrl": "https://i.scdn.co/image/ab6761610000e5eb",
                     *       "genres": [
                     *         "art rock"
                     *       ],
                     *       "topTracks": [
                     *         {
                     *           "rank": 1,
                     *           "trackId": "3SVAN3BRByDmHOhKyIDxfC",
                     *           "name": "Paranoid Android",
                     *           "artists": [
                     *             {
                     *               "id": "4Z8W4fKeB5YxbusRsdQVPb",
                     *               "name": "Radiohead"
                     *             }
                     *           ],
                     *           "album": {
                     *             "id": "6dVIqQ8qmQ5GBnJ9shOYGE",
                     *             "name": "OK Computer"
                     *           },
                     *           "plays": 42,
                     *           "minutes": 268.8
                     *         }
                     *       ],
                     *       "topAlbums": [
                     *         {
                     *           "rank": 1,
                     *           "albumId": "6dVIqQ8qmQ5GBnJ9shOYGE",
                     *           "name": "OK Computer",
                     *           "artists": [
                     *             {
                     *               "id": "4Z8W4fKeB5YxbusRsdQVPb",
                     *               "name": "Radiohead"
                     *             }
                     *           ],
                     *           "plays": 97,
                     *           "minutes": 402.1,
                     *           "imageUrl": "https://i.scdn.co/image/ab67616d0000b273"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ArtistStatsDto"];
                };
            };
            /** @description The client copy (If-None-Match) is still current. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "tz must be an IANA time zone name (e.g. Europe/Berlin), got \"Mars/Olympus\""
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Missing or invalid API token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Unknown account, or a key this account never played (the message names it). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "accountId: no account with id 3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    InsightsController_behaviour: {
        parameters: {
            query?: {
                /** @description Account; optional when exactly one account exists. */
                accountId?: string;
                /** @description Start of the range, inclusive: ISO date (midnight in `tz`) or date-time (read in `tz` when it has no offset). Unbounded when absent. */
                from?: string;
                /** @description End of the range, exclusive (same formats as `from`). Unbounded when absent. */
                to?: string;
                /** @description IANA time zone for dates, buckets, weekdays and hours; default the account's zone, else UTC. */
                tz?: string;
                /** @description Only this artist's plays (primary artist): the key the top lists and entity routes use (an id, or the name key of a name-only import). */
                artist?: string;
                /** @description Only this track's plays: the key the top lists and entity routes use (an id, or the name key of a name-only import). */
                track?: string;
                /** @description Only this album's plays: the key the top lists and entity routes use (an id, or the name key of a name-only import). */
                album?: string;
            };
            header?: {
                /** @description ETag of a previous answer: 304 while no transform run has finished since. */
                "If-None-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The answer; `ETag` changes with every finished transform run, `Cache-Control: private, no-cache` (revalidate before reuse). */
            200: {
                headers: {
                    /** @description Tag of this answer under the current marts version (send it back as If-None-Match). */
                    ETag?: string;
                    /** @description `private, no-cache` */
                    "Cache-Control"?: string;
                    /** @description What answered: `memory` (computed from the account's state held in memory), `transient` (the account is over the memory budget: its plays were read for this answer) or `cache` (a stored answer). */
                    "X-Rewind-Stats-Source"?: "memory" | "transient" | "cache";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "entity": {
                     *         "kind": "artist",
                     *         "key": "4Z8W4fKeB5YxbusRsdQVPb",
                     *         "name": "Radiohead"
                     *       },
                     *       "plays": 321,
                     *       "knownPlays": 250,
                     *       "skipped": {
                     *         "plays": 40,
                     *         "knownPlays": 250,
                     *         "share": 0.16
                     *       },
                     *       "shuffle": {
                     *         "plays": 100,
                     *         "knownPlays": 250,
                     *         "share": 0.4
                     *       },
                     *       "offline": {
                     *         "plays": 5,
                     *         "knownPlays": 250,
                     *         "share": 0.02
                     *       },
                     *       "platforms": {
                     *         "knownPlays": 250,
                     *         "items": [
                     *           {
                     *             "name": "android",
                     *             "plays": 200,
                     *             "share": 0.8
                     *           },
                     *           {
                     *             "name": "macos",
                     *             "plays": 50,
                     *             "share": 0.2
                     *           }
                     *         ]
                     *       },
                     *       "reasonStart": {
                     *         "knownPlays": 250,
                     *         "items": [
                     *           {
                     *             "name": "trackdone",
                     *             "plays": 250,
                     *             "share": 1
                     *           }
                     *         ]
                     *       },
                     *       "reasonEnd": {
                     *         "knownPlays": 250,
                     *         "items": [
                     *           {
                     *             "name": "trackdone",
                     *             "plays": 210,
                     *             "share": 0.84
                     *           },
                     *           {
                     *             "name": "fwdbtn",
                     *             "plays": 40,
                     *             "share": 0.16
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["BehaviourDto"];
                };
            };
            /** @description The client copy (If-None-Match) is still current. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "tz must be an IANA time zone name (e.g. Europe/Berlin), got \"Mars/Olympus\""
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Missing or invalid API token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Unknown account, or a key this account never played (the message names it). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "accountId: no account with id 3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    InsightsController_compare: {
        parameters: {
            query: {
                /** @description Account; optional when exactly one account exists. */
                accountId?: string;
                /** @description Start of the range, inclusive: ISO date (midnight in `tz`) or date-time (read in `tz` when it has no offset). Unbounded when absent. */
                from?: string;
                /** @description End of the range, exclusive (same formats as `from`). Unbounded when absent. */
                to?: string;
                /** @description IANA time zone for dates, buckets, weekdays and hours; default the account's zone, else UTC. */
                tz?: string;
                /** @description Rows to return (1–100) on ranked and list routes. */
                limit?: number;
                /** @description Ranking measure of the top routes (ties by name ascending). */
                by?: "plays" | "minutes";
                /** @description What is ranked and compared. */
                dimension: "artists" | "tracks" | "albums" | "genres";
                /** @description Start of the compared range, inclusive (same formats as `from`). When compareFrom and compareTo are both absent, the compared range is the one of equal length just before [from, to) (then both are required). */
                compareFrom?: string;
                /** @description End of the compared range, exclusive (same formats as `from`). */
                compareTo?: string;
            };
            header?: {
                /** @description ETag of a previous answer: 304 while no transform run has finished since. */
                "If-None-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The answer; `ETag` changes with every finished transform run, `Cache-Control: private, no-cache` (revalidate before reuse). */
            200: {
                headers: {
                    /** @description Tag of this answer under the current marts version (send it back as If-None-Match). */
                    ETag?: string;
                    /** @description `private, no-cache` */
                    "Cache-Control"?: string;
                    /** @description What answered: `memory` (computed from the account's state held in memory), `transient` (the account is over the memory budget: its plays were read for this answer) or `cache` (a stored answer). */
                    "X-Rewind-Stats-Source"?: "memory" | "transient" | "cache";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "rank": 1,
                     *           "key": "4Z8W4fKeB5YxbusRsdQVPb",
                     *           "name": "Radiohead",
                     *           "plays": 120,
                     *           "minutes": 430.5,
                     *           "previousRank": 4,
                     *           "previousPlays": 61,
                     *           "previousMinutes": 220.75,
                     *           "movement": 3
                     *         }
                     *       ],
                     *       "totals": {
                     *         "plays": 2400,
                     *         "minutes": 8123.4,
                     *         "previousPlays": 2100,
                     *         "previousMinutes": 7011.9
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["CompareDto"];
                };
            };
            /** @description The client copy (If-None-Match) is still current. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "tz must be an IANA time zone name (e.g. Europe/Berlin), got \"Mars/Olympus\""
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Missing or invalid API token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Unknown account. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "accountId: no account with id 3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    StatsController_discoveries: {
        parameters: {
            query?: {
                /** @description Account; optional when exactly one account exists. */
                accountId?: string;
                /** @description Start of the range, inclusive: ISO date (midnight in `tz`) or date-time (read in `tz` when it has no offset). Unbounded when absent. */
                from?: string;
                /** @description End of the range, exclusive (same formats as `from`). Unbounded when absent. */
                to?: string;
                /** @description IANA time zone for dates, buckets, weekdays and hours; default the account's zone, else UTC. */
                tz?: string;
                /** @description Rows to return (1–100) on ranked and list routes. */
                limit?: number;
                /** @description Ranking measure of the top routes (ties by name ascending). */
                by?: "plays" | "minutes";
            };
            header?: {
                /** @description ETag of a previous answer: 304 while no transform run has finished since. */
                "If-None-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The answer; `ETag` changes with every finished transform run, `Cache-Control: private, no-cache` (revalidate before reuse). */
            200: {
                headers: {
                    /** @description Tag of this answer under the current marts version (send it back as If-None-Match). */
                    ETag?: string;
                    /** @description `private, no-cache` */
                    "Cache-Control"?: string;
                    /** @description What answered: `memory` (computed from the account's state held in memory), `transient` (the account is over the memory budget: its plays were read for this answer) or `cache` (a stored answer). */
                    "X-Rewind-Stats-Source"?: "memory" | "transient" | "cache";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example [
                     *       {
                     *         "artistId": "4Z8W4fKeB5YxbusRsdQVPb",
                     *         "name": "Radiohead",
                     *         "firstPlayedAt": "2025-02-14T19:30:00.000Z",
                     *         "imageUrl": "https://i.scdn.co/image/ab6761610000e5eb"
                     *       }
                     *     ]
                     */
                    "application/json": components["schemas"]["DiscoveryDto"][];
                };
            };
            /** @description The client copy (If-None-Match) is still current. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "tz must be an IANA time zone name (e.g. Europe/Berlin), got \"Mars/Olympus\""
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Missing or invalid API token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Unknown account. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "accountId: no account with id 3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    InsightsController_forgotten: {
        parameters: {
            query?: {
                /** @description Account; optional when exactly one account exists. */
                accountId?: string;
                /** @description IANA time zone for dates, buckets, weekdays and hours; default the account's zone, else UTC. */
                tz?: string;
                /** @description Rows to return (1–100) on ranked and list routes. */
                limit?: number;
                /** @description Ranking measure of the top routes (ties by name ascending). */
                by?: "plays" | "minutes";
                /** @description What is listed. */
                dimension?: "artists" | "tracks" | "albums" | "genres";
            };
            header?: {
                /** @description ETag of a previous answer: 304 while no transform run has finished since. */
                "If-None-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The answer; `ETag` changes with every finished transform run, `Cache-Control: private, no-cache` (revalidate before reuse). */
            200: {
                headers: {
                    /** @description Tag of this answer under the current marts version (send it back as If-None-Match). */
                    ETag?: string;
                    /** @description `private, no-cache` */
                    "Cache-Control"?: string;
                    /** @description What answered: `memory` (computed from the account's state held in memory), `transient` (the account is over the memory budget: its plays were read for this answer) or `cache` (a stored answer). */
                    "X-Rewind-Stats-Source"?: "memory" | "transient" | "cache";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "since": "2025-11-14",
                     *       "dimension": "artists",
                     *       "items": [
                     *         {
                     *           "rank": 1,
                     *           "key": "4Z8W4fKeB5YxbusRsdQVPb",
                     *           "name": "Radiohead",
                     *           "plays": 212,
                     *           "minutes": 800.4,
                     *           "firstPlayedAt": "2021-02-11T09:12:00.000Z",
                     *           "lastPlayedAt": "2025-01-30T20:45:10.000Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ForgottenFavouritesDto"];
                };
            };
            /** @description The client copy (If-None-Match) is still current. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "tz must be an IANA time zone name (e.g. Europe/Berlin), got \"Mars/Olympus\""
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Missing or invalid API token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Unknown account. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "accountId: no account with id 3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    InsightsController_genre: {
        parameters: {
            query?: {
                /** @description Account; optional when exactly one account exists. */
                accountId?: string;
                /** @description Start of the range, inclusive: ISO date (midnight in `tz`) or date-time (read in `tz` when it has no offset). Unbounded when absent. */
                from?: string;
                /** @description End of the range, exclusive (same formats as `from`). Unbounded when absent. */
                to?: string;
                /** @description IANA time zone for dates, buckets, weekdays and hours; default the account's zone, else UTC. */
                tz?: string;
                /** @description Rows to return (1–100) on ranked and list routes. */
                limit?: number;
                /** @description Ranking measure of the top routes (ties by name ascending). */
                by?: "plays" | "minutes";
            };
            header?: {
                /** @description ETag of a previous answer: 304 while no transform run has finished since. */
                "If-None-Match"?: string;
            };
            path: {
                /** @description The genre as top-genres names it, URL-encoded. */
                genre: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The answer; `ETag` changes with every finished transform run, `Cache-Control: private, no-cache` (revalidate before reuse). */
            200: {
                headers: {
                    /** @description Tag of this answer under the current marts version (send it back as If-None-Match). */
                    ETag?: string;
                    /** @description `private, no-cache` */
                    "Cache-Control"?: string;
                    /** @description What answered: `memory` (computed from the account's state held in memory), `transient` (the account is over the memory budget: its plays were read for this answer) or `cache` (a stored answer). */
                    "X-Rewind-Stats-Source"?: "memory" | "transient" | "cache";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "key": "art rock",
                     *       "name": "art rock",
                     *       "plays": 321,
                     *       "minutes": 1180.25,
                     *       "rank": 3,
                     *       "firstPlayedAt": "2019-04-02T18:03:00.000Z",
                     *       "lastPlayedAt": "2025-12-30T21:14:09.000Z",
                     *       "activityBucket": "month",
                     *       "activity": [
                     *         {
                     *           "bucket": "2025-01",
                     *           "plays": 30,
                     *           "minutes": 110.5
                     *         },
                     *         {
                     *           "bucket": "2025-02",
                     *           "plays": 12,
                     *           "minutes": 40.2
                     *         }
                     *       ],
                     *       "hours": [
                     *         {
                     *           "hour": 21,
                     *           "plays": 14,
                     *           "minutes": 52.3
                     *         }
                     *       ],
                     *       "topArtists": [
                     *         {
                     *           "rank": 1,
                     *           "artistId": "4Z8W4fKeB5YxbusRsdQVPb",
                     *           "name": "Radiohead",
                     *           "plays": 321,
                     *           "minutes": 1180.25,
                     *           "imageUrl": "https://i.scdn.co/image/ab6761610000e5eb"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["GenreStatsDto"];
                };
            };
            /** @description The client copy (If-None-Match) is still current. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "tz must be an IANA time zone name (e.g. Europe/Berlin), got \"Mars/Olympus\""
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Missing or invalid API token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Unknown account, or a key this account never played (the message names it). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "accountId: no account with id 3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    StatsController_heatmap: {
        parameters: {
            query?: {
                /** @description Account; optional when exactly one account exists. */
                accountId?: string;
                /** @description Start of the range, inclusive: ISO date (midnight in `tz`) or date-time (read in `tz` when it has no offset). Unbounded when absent. */
                from?: string;
                /** @description End of the range, exclusive (same formats as `from`). Unbounded when absent. */
                to?: string;
                /** @description IANA time zone for dates, buckets, weekdays and hours; default the account's zone, else UTC. */
                tz?: string;
                /** @description Rows to return (1–100) on ranked and list routes. */
                limit?: number;
                /** @description Ranking measure of the top routes (ties by name ascending). */
                by?: "plays" | "minutes";
            };
            header?: {
                /** @description ETag of a previous answer: 304 while no transform run has finished since. */
                "If-None-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The answer; `ETag` changes with every finished transform run, `Cache-Control: private, no-cache` (revalidate before reuse). */
            200: {
                headers: {
                    /** @description Tag of this answer under the current marts version (send it back as If-None-Match). */
                    ETag?: string;
                    /** @description `private, no-cache` */
                    "Cache-Control"?: string;
                    /** @description What answered: `memory` (computed from the account's state held in memory), `transient` (the account is over the memory budget: its plays were read for this answer) or `cache` (a stored answer). */
                    "X-Rewind-Stats-Source"?: "memory" | "transient" | "cache";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example [
                     *       {
                     *         "weekday": 4,
                     *         "hour": 21,
                     *         "plays": 12,
                     *         "minutes": 40.5
                     *       }
                     *     ]
                     */
                    "application/json": components["schemas"]["HeatmapCellDto"][];
                };
            };
            /** @description The client copy (If-None-Match) is still current. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "tz must be an IANA time zone name (e.g. Europe/Berlin), got \"Mars/Olympus\""
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Missing or invalid API token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Unknown account. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "accountId: no account with id 3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    InsightsController_onThisDay: {
        parameters: {
            query?: {
                /** @description Account; optional when exactly one account exists. */
                accountId?: string;
                /** @description IANA time zone for dates, buckets, weekdays and hours; default the account's zone, else UTC. */
                tz?: string;
                /** @description Rows to return (1–100) on ranked and list routes. */
                limit?: number;
                /** @description Ranking measure of the top routes (ties by name ascending). */
                by?: "plays" | "minutes";
                /** @description The local date (in `tz`) to look back at in earlier years; default today. `limit` and `by` shape each year’s tops. */
                date?: string;
            };
            header?: {
                /** @description ETag of a previous answer: 304 while no transform run has finished since. */
                "If-None-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The answer; `ETag` changes with every finished transform run, `Cache-Control: private, no-cache` (revalidate before reuse). */
            200: {
                headers: {
                    /** @description Tag of this answer under the current marts version (send it back as If-None-Match). */
                    ETag?: string;
                    /** @description `private, no-cache` */
                    "Cache-Control"?: string;
                    /** @description What answered: `memory` (computed from the account's state held in memory), `transient` (the account is over the memory budget: its plays were read for this answer) or `cache` (a stored answer). */
                    "X-Rewind-Stats-Source"?: "memory" | "transient" | "cache";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "date": "2026-05-14",
                     *       "timeZone": "Europe/Berlin",
                     *       "years": [
                     *         {
                     *           "year": 2025,
                     *           "date": "2025-05-14",
                     *           "plays": 37,
                     *           "minutes": 121.8,
                     *           "topArtists": [
                     *             {
                     *               "rank": 1,
                     *               "artistId": "4Z8W4fKeB5YxbusRsdQVPb",
                     *               "name": "Radiohead",
                     *               "plays": 321,
                     *               "minutes": 1180.25,
                     *               "imageUrl": "https://i.scdn.co/image/ab6761610000e5eb"
                     *             }
                     *           ],
                     *           "topTracks": [
                     *             {
                     *               "rank": 1,
                     *               "trackId": "3SVAN3BRByDmHOhKyIDxfC",
                     *               "name": "Paranoid Android",
                     *               "artists": [
                     *                 {
                     *                   "id": "4Z8W4fKeB5YxbusRsdQVPb",
                     *                   "name": "Radiohead"
                     *                 }
                     *               ],
                     *               "album": {
                     *                 "id": "6dVIqQ8qmQ5GBnJ9shOYGE",
                     *                 "name": "OK Computer"
                     *               },
                     *               "plays": 42,
                     *               "minutes": 268.8
                     *             }
                     *           ]
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["OnThisDayDto"];
                };
            };
            /** @description The client copy (If-None-Match) is still current. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "tz must be an IANA time zone name (e.g. Europe/Berlin), got \"Mars/Olympus\""
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Missing or invalid API token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Unknown account. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "accountId: no account with id 3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    StatsController_recent: {
        parameters: {
            query?: {
                /** @description Account; optional when exactly one account exists. */
                accountId?: string;
                /** @description Start of the range, inclusive: ISO date (midnight in `tz`) or date-time (read in `tz` when it has no offset). Unbounded when absent. */
                from?: string;
                /** @description End of the range, exclusive (same formats as `from`). Unbounded when absent. */
                to?: string;
                /** @description IANA time zone for dates, buckets, weekdays and hours; default the account's zone, else UTC. */
                tz?: string;
                /** @description Rows to return (1–100) on ranked and list routes. */
                limit?: number;
                /** @description Ranking measure of the top routes (ties by name ascending). */
                by?: "plays" | "minutes";
            };
            header?: {
                /** @description ETag of a previous answer: 304 while no transform run has finished since. */
                "If-None-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The answer; `ETag` changes with every finished transform run, `Cache-Control: private, no-cache` (revalidate before reuse). */
            200: {
                headers: {
                    /** @description Tag of this answer under the current marts version (send it back as If-None-Match). */
                    ETag?: string;
                    /** @description `private, no-cache` */
                    "Cache-Control"?: string;
                    /** @description What answered: `memory` (computed from the account's state held in memory), `transient` (the account is over the memory budget: its plays were read for this answer) or `cache` (a stored answer). */
                    "X-Rewind-Stats-Source"?: "memory" | "transient" | "cache";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example [
                     *       {
                     *         "playedAt": "2025-12-31T22:03:10.000Z",
                     *         "trackId": "3SVAN3BRByDmHOhKyIDxfC",
                     *         "name": "Paranoid Android",
                     *         "artists": [
                     *           {
                     *             "id": "4Z8W4fKeB5YxbusRsdQVPb",
                     *             "name": "Radiohead"
                     *           }
                     *         ],
                     *         "album": {
                     *           "id": "6dVIqQ8qmQ5GBnJ9shOYGE",
                     *           "name": "OK Computer"
                     *         },
                     *         "minutes": 6.39,
                     *         "source": "poll"
                     *       }
                     *     ]
                     */
                    "application/json": components["schemas"]["RecentPlayDto"][];
                };
            };
            /** @description The client copy (If-None-Match) is still current. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "tz must be an IANA time zone name (e.g. Europe/Berlin), got \"Mars/Olympus\""
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Missing or invalid API token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Unknown account. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "accountId: no account with id 3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    InsightsController_search: {
        parameters: {
            query: {
                /** @description Account; optional when exactly one account exists. */
                accountId?: string;
                /** @description Start of the range, inclusive: ISO date (midnight in `tz`) or date-time (read in `tz` when it has no offset). Unbounded when absent. */
                from?: string;
                /** @description End of the range, exclusive (same formats as `from`). Unbounded when absent. */
                to?: string;
                /** @description IANA time zone for dates, buckets, weekdays and hours; default the account's zone, else UTC. */
                tz?: string;
                /** @description Rows to return (1–100) on ranked and list routes. */
                limit?: number;
                /** @description Ranking measure of the top routes (ties by name ascending). */
                by?: "plays" | "minutes";
                /** @description Text the names must contain, ignoring case and accents (`sigur ros` finds Sigur Rós); 1–100 characters. Matches are ranked by plays (or minutes) inside [from, to), all time by default; `limit` per kind. */
                q: string;
            };
            header?: {
                /** @description ETag of a previous answer: 304 while no transform run has finished since. */
                "If-None-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The answer; `ETag` changes with every finished transform run, `Cache-Control: private, no-cache` (revalidate before reuse). */
            200: {
                headers: {
                    /** @description Tag of this answer under the current marts version (send it back as If-None-Match). */
                    ETag?: string;
                    /** @description `private, no-cache` */
                    "Cache-Control"?: string;
                    /** @description What answered: `memory` (computed from the account's state held in memory), `transient` (the account is over the memory budget: its plays were read for this answer) or `cache` (a stored answer). */
                    "X-Rewind-Stats-Source"?: "memory" | "transient" | "cache";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "artists": [
                     *         {
                     *           "rank": 1,
                     *           "artistId": "4Z8W4fKeB5YxbusRsdQVPb",
                     *           "name": "Radiohead",
                     *           "plays": 321,
                     *           "minutes": 1180.25,
                     *           "imageUrl": "https://i.scdn.co/image/ab6761610000e5eb"
                     *         }
                     *       ],
                     *       "tracks": [
                     *         {
                     *           "rank": 1,
                     *           "trackId": "3SVAN3BRByDmHOhKyIDxfC",
                     *           "name": "Paranoid Android",
                     *           "artists": [
                     *             {
                     *               "id": "4Z8W4fKeB5YxbusRsdQVPb",
                     *               "name": "Radiohead"
                     *             }
                     *           ],
                     *           "album": {
                     *             "id": "6dVIqQ8qmQ5GBnJ9shOYGE",
                     *             "name": "OK Computer"
                     *           },
                     *           "plays": 42,
                     *           "minutes": 268.8
                     *         }
                     *       ],
                     *       "albums": [
                     *         {
                     *           "rank": 1,
                     *           "albumId": "6dVIqQ8qmQ5GBnJ9shOYGE",
                     *           "name": "OK Computer",
                     *           "artists": [
                     *             {
                     *               "id": "4Z8W4fKeB5YxbusRsdQVPb",
                     *               "name": "Radiohead"
                     *             }
                     *           ],
                     *           "plays": 97,
                     *           "minutes": 402.1,
                     *           "imageUrl": "https://i.scdn.co/image/ab67616d0000b273"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["SearchResultsDto"];
                };
            };
            /** @description The client copy (If-None-Match) is still current. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "tz must be an IANA time zone name (e.g. Europe/Berlin), got \"Mars/Olympus\""
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Missing or invalid API token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Unknown account. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "accountId: no account with id 3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    StatsController_sessions: {
        parameters: {
            query?: {
                /** @description Account; optional when exactly one account exists. */
                accountId?: string;
                /** @description Start of the range, inclusive: ISO date (midnight in `tz`) or date-time (read in `tz` when it has no offset). Unbounded when absent. */
                from?: string;
                /** @description End of the range, exclusive (same formats as `from`). Unbounded when absent. */
                to?: string;
                /** @description IANA time zone for dates, buckets, weekdays and hours; default the account's zone, else UTC. */
                tz?: string;
                /** @description Rows to return (1–100) on ranked and list routes. */
                limit?: number;
                /** @description Ranking measure of the top routes (ties by name ascending). */
                by?: "plays" | "minutes";
            };
            header?: {
                /** @description ETag of a previous answer: 304 while no transform run has finished since. */
                "If-None-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The answer; `ETag` changes with every finished transform run, `Cache-Control: private, no-cache` (revalidate before reuse). */
            200: {
                headers: {
                    /** @description Tag of this answer under the current marts version (send it back as If-None-Match). */
                    ETag?: string;
                    /** @description `private, no-cache` */
                    "Cache-Control"?: string;
                    /** @description What answered: `memory` (computed from the account's state held in memory), `transient` (the account is over the memory budget: its plays were read for this answer) or `cache` (a stored answer). */
                    "X-Rewind-Stats-Source"?: "memory" | "transient" | "cache";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example [
                     *       {
                     *         "rank": 1,
                     *         "start": "2025-08-09T20:01:00.000Z",
                     *         "end": "2025-08-10T01:47:12.000Z",
                     *         "plays": 81,
                     *         "distinctTracks": 77,
                     *         "minutes": 338.2
                     *       }
                     *     ]
                     */
                    "application/json": components["schemas"]["SessionDto"][];
                };
            };
            /** @description The client copy (If-None-Match) is still current. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "tz must be an IANA time zone name (e.g. Europe/Berlin), got \"Mars/Olympus\""
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Missing or invalid API token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Unknown account. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "accountId: no account with id 3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    StatsController_streaks: {
        parameters: {
            query?: {
                /** @description Account; optional when exactly one account exists. */
                accountId?: string;
                /** @description Start of the range, inclusive: ISO date (midnight in `tz`) or date-time (read in `tz` when it has no offset). Unbounded when absent. */
                from?: string;
                /** @description End of the range, exclusive (same formats as `from`). Unbounded when absent. */
                to?: string;
                /** @description IANA time zone for dates, buckets, weekdays and hours; default the account's zone, else UTC. */
                tz?: string;
                /** @description Rows to return (1–100) on ranked and list routes. */
                limit?: number;
                /** @description Ranking measure of the top routes (ties by name ascending). */
                by?: "plays" | "minutes";
            };
            header?: {
                /** @description ETag of a previous answer: 304 while no transform run has finished since. */
                "If-None-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The answer; `ETag` changes with every finished transform run, `Cache-Control: private, no-cache` (revalidate before reuse). */
            200: {
                headers: {
                    /** @description Tag of this answer under the current marts version (send it back as If-None-Match). */
                    ETag?: string;
                    /** @description `private, no-cache` */
                    "Cache-Control"?: string;
                    /** @description What answered: `memory` (computed from the account's state held in memory), `transient` (the account is over the memory budget: its plays were read for this answer) or `cache` (a stored answer). */
                    "X-Rewind-Stats-Source"?: "memory" | "transient" | "cache";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "current": 4,
                     *       "longest": {
                     *         "days": 23,
                     *         "from": "2025-06-01",
                     *         "to": "2025-06-23"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["StreaksDto"];
                };
            };
            /** @description The client copy (If-None-Match) is still current. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "tz must be an IANA time zone name (e.g. Europe/Berlin), got \"Mars/Olympus\""
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Missing or invalid API token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Unknown account. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "accountId: no account with id 3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    StatsController_summary: {
        parameters: {
            query?: {
                /** @description Account; optional when exactly one account exists. */
                accountId?: string;
                /** @description Start of the range, inclusive: ISO date (midnight in `tz`) or date-time (read in `tz` when it has no offset). Unbounded when absent. */
                from?: string;
                /** @description End of the range, exclusive (same formats as `from`). Unbounded when absent. */
                to?: string;
                /** @description IANA time zone for dates, buckets, weekdays and hours; default the account's zone, else UTC. */
                tz?: string;
                /** @description Rows to return (1–100) on ranked and list routes. */
                limit?: number;
                /** @description Ranking measure of the top routes (ties by name ascending). */
                by?: "plays" | "minutes";
            };
            header?: {
                /** @description ETag of a previous answer: 304 while no transform run has finished since. */
                "If-None-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The answer; `ETag` changes with every finished transform run, `Cache-Control: private, no-cache` (revalidate before reuse). */
            200: {
                headers: {
                    /** @description Tag of this answer under the current marts version (send it back as If-None-Match). */
                    ETag?: string;
                    /** @description `private, no-cache` */
                    "Cache-Control"?: string;
                    /** @description What answered: `memory` (computed from the account's state held in memory), `transient` (the account is over the memory budget: its plays were read for this answer) or `cache` (a stored answer). */
                    "X-Rewind-Stats-Source"?: "memory" | "transient" | "cache";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "plays": 1234,
                     *       "minutes": 4321.57,
                     *       "distinctTracks": 512,
                     *       "distinctArtists": 180,
                     *       "distinctAlbums": 240,
                     *       "firstPlayedAt": "2025-01-01T08:12:45.123Z",
                     *       "lastPlayedAt": "2025-12-31T22:03:10.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["SummaryDto"];
                };
            };
            /** @description The client copy (If-None-Match) is still current. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "tz must be an IANA time zone name (e.g. Europe/Berlin), got \"Mars/Olympus\""
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Missing or invalid API token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Unknown account. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "accountId: no account with id 3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    StatsController_topAlbums: {
        parameters: {
            query?: {
                /** @description Account; optional when exactly one account exists. */
                accountId?: string;
                /** @description Start of the range, inclusive: ISO date (midnight in `tz`) or date-time (read in `tz` when it has no offset). Unbounded when absent. */
                from?: string;
                /** @description End of the range, exclusive (same formats as `from`). Unbounded when absent. */
                to?: string;
                /** @description IANA time zone for dates, buckets, weekdays and hours; default the account's zone, else UTC. */
                tz?: string;
                /** @description Rows to return (1–100) on ranked and list routes. */
                limit?: number;
                /** @description Ranking measure of the top routes (ties by name ascending). */
                by?: "plays" | "minutes";
            };
            header?: {
                /** @description ETag of a previous answer: 304 while no transform run has finished since. */
                "If-None-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The answer; `ETag` changes with every finished transform run, `Cache-Control: private, no-cache` (revalidate before reuse). */
            200: {
                headers: {
                    /** @description Tag of this answer under the current marts version (send it back as If-None-Match). */
                    ETag?: string;
                    /** @description `private, no-cache` */
                    "Cache-Control"?: string;
                    /** @description What answered: `memory` (computed from the account's state held in memory), `transient` (the account is over the memory budget: its plays were read for this answer) or `cache` (a stored answer). */
                    "X-Rewind-Stats-Source"?: "memory" | "transient" | "cache";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example [
                     *       {
                     *         "rank": 1,
                     *         "albumId": "6dVIqQ8qmQ5GBnJ9shOYGE",
                     *         "name": "OK Computer",
                     *         "artists": [
                     *           {
                     *             "id": "4Z8W4fKeB5YxbusRsdQVPb",
                     *             "name": "Radiohead"
                     *           }
                     *         ],
                     *         "plays": 97,
                     *         "minutes": 402.1,
                     *         "imageUrl": "https://i.scdn.co/image/ab67616d0000b273"
                     *       }
                     *     ]
                     */
                    "application/json": components["schemas"]["TopAlbumDto"][];
                };
            };
            /** @description The client copy (If-None-Match) is still current. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "tz must be an IANA time zone name (e.g. Europe/Berlin), got \"Mars/Olympus\""
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Missing or invalid API token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Unknown account. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "accountId: no account with id 3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    StatsController_topArtists: {
        parameters: {
            query?: {
                /** @description Account; optional when exactly one account exists. */
                accountId?: string;
                /** @description Start of the range, inclusive: ISO date (midnight in `tz`) or date-time (read in `tz` when it has no offset). Unbounded when absent. */
                from?: string;
                /** @description End of the range, exclusive (same formats as `from`). Unbounded when absent. */
                to?: string;
                /** @description IANA time zone for dates, buckets, weekdays and hours; default the account's zone, else UTC. */
                tz?: string;
                /** @description Rows to return (1–100) on ranked and list routes. */
                limit?: number;
                /** @description Ranking measure of the top routes (ties by name ascending). */
                by?: "plays" | "minutes";
            };
            header?: {
                /** @description ETag of a previous answer: 304 while no transform run has finished since. */
                "If-None-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The answer; `ETag` changes with every finished transform run, `Cache-Control: private, no-cache` (revalidate before reuse). */
            200: {
                headers: {
                    /** @description Tag of this answer under the current marts version (send it back as If-None-Match). */
                    ETag?: string;
                    /** @description `private, no-cache` */
                    "Cache-Control"?: string;
                    /** @description What answered: `memory` (computed from the account's state held in memory), `transient` (the account is over the memory budget: its plays were read for this answer) or `cache` (a stored answer). */
                    "X-Rewind-Stats-Source"?: "memory" | "transient" | "cache";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example [
                     *       {
                     *         "rank": 1,
                     *         "artistId": "4Z8W4fKeB5YxbusRsdQVPb",
                     *         "name": "Radiohead",
                     *         "plays": 321,
                     *         "minutes": 1180.25,
                     *         "imageUrl": "https://i.scdn.co/image/ab6761610000e5eb"
                     *       }
                     *     ]
                     */
                    "application/json": components["schemas"]["TopArtistDto"][];
                };
            };
            /** @description The client copy (If-None-Match) is still current. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "tz must be an IANA time zone name (e.g. Europe/Berlin), got \"Mars/Olympus\""
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Missing or invalid API token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Unknown account. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "accountId: no account with id 3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    StatsController_topGenres: {
        parameters: {
            query?: {
                /** @description Account; optional when exactly one account exists. */
                accountId?: string;
                /** @description Start of the range, inclusive: ISO date (midnight in `tz`) or date-time (read in `tz` when it has no offset). Unbounded when absent. */
                from?: string;
                /** @description End of the range, exclusive (same formats as `from`). Unbounded when absent. */
                to?: string;
                /** @description IANA time zone for dates, buckets, weekdays and hours; default the account's zone, else UTC. */
                tz?: string;
                /** @description Rows to return (1–100) on ranked and list routes. */
                limit?: number;
                /** @description Ranking measure of the top routes (ties by name ascending). */
                by?: "plays" | "minutes";
            };
            header?: {
                /** @description ETag of a previous answer: 304 while no transform run has finished since. */
                "If-None-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The answer; `ETag` changes with every finished transform run, `Cache-Control: private, no-cache` (revalidate before reuse). */
            200: {
                headers: {
                    /** @description Tag of this answer under the current marts version (send it back as If-None-Match). */
                    ETag?: string;
                    /** @description `private, no-cache` */
                    "Cache-Control"?: string;
                    /** @description What answered: `memory` (computed from the account's state held in memory), `transient` (the account is over the memory budget: its plays were read for this answer) or `cache` (a stored answer). */
                    "X-Rewind-Stats-Source"?: "memory" | "transient" | "cache";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example [
                     *       {
                     *         "rank": 1,
                     *         "genre": "art rock",
                     *         "plays": 640,
                     *         "minutes": 2301.4
                     *       }
                     *     ]
                     */
                    "application/json": components["schemas"]["TopGenreDto"][];
                };
            };
            /** @description The client copy (If-None-Match) is still current. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "tz must be an IANA time zone name (e.g. Europe/Berlin), got \"Mars/Olympus\""
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Missing or invalid API token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Unknown account. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "accountId: no account with id 3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    StatsController_topTracks: {
        parameters: {
            query?: {
                /** @description Account; optional when exactly one account exists. */
                accountId?: string;
                /** @description Start of the range, inclusive: ISO date (midnight in `tz`) or date-time (read in `tz` when it has no offset). Unbounded when absent. */
                from?: string;
                /** @description End of the range, exclusive (same formats as `from`). Unbounded when absent. */
                to?: string;
                /** @description IANA time zone for dates, buckets, weekdays and hours; default the account's zone, else UTC. */
                tz?: string;
                /** @description Rows to return (1–100) on ranked and list routes. */
                limit?: number;
                /** @description Ranking measure of the top routes (ties by name ascending). */
                by?: "plays" | "minutes";
            };
            header?: {
                /** @description ETag of a previous answer: 304 while no transform run has finished since. */
                "If-None-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The answer; `ETag` changes with every finished transform run, `Cache-Control: private, no-cache` (revalidate before reuse). */
            200: {
                headers: {
                    /** @description Tag of this answer under the current marts version (send it back as If-None-Match). */
                    ETag?: string;
                    /** @description `private, no-cache` */
                    "Cache-Control"?: string;
                    /** @description What answered: `memory` (computed from the account's state held in memory), `transient` (the account is over the memory budget: its plays were read for this answer) or `cache` (a stored answer). */
                    "X-Rewind-Stats-Source"?: "memory" | "transient" | "cache";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example [
                     *       {
                     *         "rank": 1,
                     *         "trackId": "3SVAN3BRByDmHOhKyIDxfC",
                     *         "name": "Paranoid Android",
                     *         "artists": [
                     *           {
                     *             "id": "4Z8W4fKeB5YxbusRsdQVPb",
                     *             "name": "Radiohead"
                     *           }
                     *         ],
                     *         "album": {
                     *           "id": "6dVIqQ8qmQ5GBnJ9shOYGE",
                     *           "name": "OK Computer"
                     *         },
                     *         "plays": 42,
                     *         "minutes": 268.8
                     *       }
                     *     ]
                     */
                    "application/json": components["schemas"]["TopTrackDto"][];
                };
            };
            /** @description The client copy (If-None-Match) is still current. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "tz must be an IANA time zone name (e.g. Europe/Berlin), got \"Mars/Olympus\""
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Missing or invalid API token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Unknown account. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "accountId: no account with id 3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    InsightsController_track: {
        parameters: {
            query?: {
                /** @description Account; optional when exactly one account exists. */
                accountId?: string;
                /** @description Start of the range, inclusive: ISO date (midnight in `tz`) or date-time (read in `tz` when it has no offset). Unbounded when absent. */
                from?: string;
                /** @description End of the range, exclusive (same formats as `from`). Unbounded when absent. */
                to?: string;
                /** @description IANA time zone for dates, buckets, weekdays and hours; default the account's zone, else UTC. */
                tz?: string;
                /** @description Rows to return (1–100) on ranked and list routes. */
                limit?: number;
                /** @description Ranking measure of the top routes (ties by name ascending). */
                by?: "plays" | "minutes";
            };
            header?: {
                /** @description ETag of a previous answer: 304 while no transform run has finished since. */
                "If-None-Match"?: string;
            };
            path: {
                /** @description The key the top lists return: a Spotify id, or the name key of a name-only import (artist name; "artist - track"; "artist - album"), URL-encoded. */
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The answer; `ETag` changes with every finished transform run, `Cache-Control: private, no-cache` (revalidate before reuse). */
            200: {
                headers: {
                    /** @description Tag of this answer under the current marts version (send it back as If-None-Match). */
                    ETag?: string;
                    /** @description `private, no-cache` */
                    "Cache-Control"?: string;
                    /** @description What answered: `memory` (computed from the account's state held in memory), `transient` (the account is over the memory budget: its plays were read for this answer) or `cache` (a stored answer). */
                    "X-Rewind-Stats-Source"?: "memory" | "transient" | "cache";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "key": "3SVAN3BRByDmHOhKyIDxfC",
                     *       "name": "Paranoid Android",
                     *       "plays": 321,
                     *       "minutes": 1180.25,
                     *       "rank": 3,
                     *       "firstPlayedAt": "2019-04-02T18:03:00.000Z",
                     *       "lastPlayedAt": "2025-12-30T21:14:09.000Z",
                     *       "activityBucket": "month",
                     *       "activity": [
                     *         {
                     *           "bucket": "2025-01",
                     *           "plays": 30,
                     *           "minutes": 110.5
                     *         },
                     *         {
                     *           "bucket": "2025-02",
                     *           "plays": 12,
                     *           "minutes": 40.2
                     *         }
                     *       ],
                     *       "hours": [
                     *         {
                     *           "hour": 21,
                     *           "plays": 14,
                     *           "minutes": 52.3
                     *         }
                     *       ],
                     *       "artists": [
                     *         {
                     *           "id": "4Z8W4fKeB5YxbusRsdQVPb",
                     *           "name": "Radiohead"
                     *         }
                     *       ],
                     *       "album": {
                     *         "id": "6dVIqQ8qmQ5GBnJ9shOYGE",
                     *         "name": "OK Computer"
                     *       },
                     *       "longestStreak": {
                     *         "days": 4,
                     *         "from": "2025-06-01",
                     *         "to": "2025-06-04"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["TrackStatsDto"];
                };
            };
            /** @description The client copy (If-None-Match) is still current. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "tz must be an IANA time zone name (e.g. Europe/Berlin), got \"Mars/Olympus\""
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Missing or invalid API token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Unknown account, or a key this account never played (the message names it). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "accountId: no account with id 3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    StatsController_wrapped: {
        parameters: {
            query: {
                /** @description Account; optional when exactly one account exists. */
                accountId?: string;
                /** @description Start of the range, inclusive: ISO date (midnight in `tz`) or date-time (read in `tz` when it has no offset). Unbounded when absent. */
                from?: string;
                /** @description End of the range, exclusive (same formats as `from`). Unbounded when absent. */
                to?: string;
                /** @description IANA time zone for dates, buckets, weekdays and hours; default the account's zone, else UTC. */
                tz?: string;
                /** @description Rows to return (1–100) on ranked and list routes. */
                limit?: number;
                /** @description Ranking measure of the top routes (ties by name ascending). */
                by?: "plays" | "minutes";
                /** @description Calendar year of the recap (in `tz`); `from`/`to` are ignored. */
                year: number;
            };
            header?: {
                /** @description ETag of a previous answer: 304 while no transform run has finished since. */
                "If-None-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The answer; `ETag` changes with every finished transform run, `Cache-Control: private, no-cache` (revalidate before reuse). */
            200: {
                headers: {
                    /** @description Tag of this answer under the current marts version (send it back as If-None-Match). */
                    ETag?: string;
                    /** @description `private, no-cache` */
                    "Cache-Control"?: string;
                    /** @description What answered: `memory` (computed from the account's state held in memory), `transient` (the account is over the memory budget: its plays were read for this answer) or `cache` (a stored answer). */
                    "X-Rewind-Stats-Source"?: "memory" | "transient" | "cache";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "year": 2025,
                     *       "timeZone": "Europe/Berlin",
                     *       "totals": {
                     *         "plays": 1234,
                     *         "minutes": 4321.57,
                     *         "distinctTracks": 512,
                     *         "distinctArtists": 180,
                     *         "distinctAlbums": 240,
                     *         "firstPlayedAt": "2025-01-01T08:12:45.123Z",
                     *         "lastPlayedAt": "2025-12-31T22:03:10.000Z"
                     *       },
                     *       "listeningDays": 287,
                     *       "topArtists": [
                     *         {
                     *           "rank": 1,
                     *           "artistId": "4Z8W4fKeB5YxbusRsdQVPb",
                     *           "name": "Radiohead",
                     *           "plays": 321,
                     *           "minutes": 1180.25,
                     *           "imageUrl": "https://i.scdn.co/image/ab6761610000e5eb"
                     *         }
                     *       ],
                     *       "topTracks": [
                     *         {
                     *           "rank": 1,
                     *           "trackId": "3SVAN3BRByDmHOhKyIDxfC",
                     *           "name": "Paranoid Android",
                     *           "artists": [
                     *             {
                     *               "id": "4Z8W4fKeB5YxbusRsdQVPb",
                     *               "name": "Radiohead"
                     *             }
                     *           ],
                     *           "album": {
                     *             "id": "6dVIqQ8qmQ5GBnJ9shOYGE",
                     *             "name": "OK Computer"
                     *           },
                     *           "plays": 42,
                     *           "minutes": 268.8
                     *         }
                     *       ],
                     *       "topAlbums": [
                     *         {
                     *           "rank": 1,
                     *           "albumId": "6dVIqQ8qmQ5GBnJ9shOYGE",
                     *           "name": "OK Computer",
                     *           "artists": [
                     *             {
                     *               "id": "4Z8W4fKeB5YxbusRsdQVPb",
                     *               "name": "Radiohead"
                     *             }
                     *           ],
                     *           "plays": 97,
                     *           "minutes": 402.1,
                     *           "imageUrl": "https://i.scdn.co/image/ab67616d0000b273"
                     *         }
                     *       ],
                     *       "topGenres": [
                     *         {
                     *           "rank": 1,
                     *           "genre": "art rock",
                     *           "plays": 640,
                     *           "minutes": 2301.4
                     *         }
                     *       ],
                     *       "busiestDay": {
                     *         "date": "2025-08-09",
                     *         "plays": 140,
                     *         "minutes": 512.75
                     *       },
                     *       "busiestHourOfWeek": {
                     *         "weekday": 4,
                     *         "hour": 21,
                     *         "plays": 12,
                     *         "minutes": 40.5
                     *       },
                     *       "hourOfWeek": [
                     *         {
                     *           "weekday": 4,
                     *           "hour": 21,
                     *           "plays": 12,
                     *           "minutes": 40.5
                     *         }
                     *       ],
                     *       "discoveries": {
                     *         "artists": 85,
                     *         "tracks": 1020,
                     *         "firstArtists": [
                     *           {
                     *             "artistId": "4Z8W4fKeB5YxbusRsdQVPb",
                     *             "name": "Radiohead",
                     *             "firstPlayedAt": "2025-02-14T19:30:00.000Z",
                     *             "imageUrl": "https://i.scdn.co/image/ab6761610000e5eb"
                     *           }
                     *         ]
                     *       },
                     *       "longestStreak": {
                     *         "days": 23,
                     *         "from": "2025-06-01",
                     *         "to": "2025-06-23"
                     *       },
                     *       "longestSession": {
                     *         "rank": 1,
                     *         "start": "2025-08-09T20:01:00.000Z",
                     *         "end": "2025-08-10T01:47:12.000Z",
                     *         "plays": 81,
                     *         "distinctTracks": 77,
                     *         "minutes": 338.2
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["WrappedDto"];
                };
            };
            /** @description The client copy (If-None-Match) is still current. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "tz must be an IANA time zone name (e.g. Europe/Berlin), got \"Mars/Olympus\""
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Missing or invalid API token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Unknown account. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "accountId: no account with id 3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    TransformController_listModels: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example [
                     *       {
                     *         "name": "fct_plays",
                     *         "version": "1",
                     *         "materialization": "incremental",
                     *         "description": "One row per play ...",
                     *         "file": "marts/fct_plays.sql",
                     *         "dependsOn": [
                     *           "stg_plays"
                     *         ],
                     *         "uniqueKey": [
                     *           "account_id",
                     *           "played_at"
                     *         ],
                     *         "tests": [
                     *           "unique_fct_plays__account_id__played_at"
                     *         ],
                     *         "lastRun": {
                     *           "runId": "7b0c1f4e-2d7a-4a8e-9b51-3c2f7e1d9a10",
                     *           "status": "succeeded",
                     *           "rows": 51,
                     *           "durationMs": 38,
                     *           "finishedAt": "2026-11-24T08:00:00.410Z"
                     *         }
                     *       }
                     *     ]
                     */
                    "application/json": components["schemas"]["TransformModelDto"][];
                };
            };
            /** @description No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Missing or invalid API token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    TransformController_createRun: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTransformRunDto"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "runId": "7b0c1f4e-2d7a-4a8e-9b51-3c2f7e1d9a10"
                     *     }
                     */
                    "application/json": components["schemas"]["TransformRunCreatedDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "select: no model named \"fct_play\""
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Missing or invalid API token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description A request signed in by the session cookie whose Origin (or Referer) is not this site's own pages. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 403,
                     *       "error": "Forbidden",
                     *       "message": "Cross-site request refused: a POST signed in by cookie must come from Rewind's own pages (Origin https://example.org is not this site)"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    TransformController_getRun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "7b0c1f4e-2d7a-4a8e-9b51-3c2f7e1d9a10",
                     *       "status": "succeeded",
                     *       "trigger": "manual",
                     *       "select": "fct_plays+",
                     *       "fullRefresh": false,
                     *       "requestedAt": "2026-11-24T08:00:00.000Z",
                     *       "startedAt": "2026-11-24T08:00:00.012Z",
                     *       "finishedAt": "2026-11-24T08:00:00.410Z",
                     *       "error": null,
                     *       "models": [
                     *         {
                     *           "name": "fct_plays",
                     *           "version": "1",
                     *           "materialization": "incremental",
                     *           "status": "succeeded",
                     *           "rows": 51,
                     *           "durationMs": 38,
                     *           "error": null
                     *         },
                     *         {
                     *           "name": "agg_daily",
                     *           "version": "1",
                     *           "materialization": "incremental",
                     *           "status": "succeeded",
                     *           "rows": 2,
                     *           "durationMs": 6,
                     *           "error": null
                     *         }
                     *       ],
                     *       "tests": [
                     *         {
                     *           "name": "unique_fct_plays__account_id__played_at",
                     *           "model": "fct_plays",
                     *           "status": "pass",
                     *           "failures": 0,
                     *           "error": null
                     *         },
                     *         {
                     *           "name": "no_future_plays",
                     *           "model": "fct_plays",
                     *           "status": "pass",
                     *           "failures": 0,
                     *           "error": null
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["TransformRunDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "id must be a UUID"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Missing or invalid API token"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "No transform run with id 7b0c1f4e-2d7a-4a8e-9b51-3c2f7e1d9a10"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Rate limit of 3000 requests per minute exceeded; retry in 12 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route is not reachable. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 502,
                     *       "error": "Bad Gateway",
                     *       "message": "stats-api is not reachable"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The service behind this route did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 504,
                     *       "error": "Gateway Timeout",
                     *       "message": "stats-api did not answer within 120 s"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
}
