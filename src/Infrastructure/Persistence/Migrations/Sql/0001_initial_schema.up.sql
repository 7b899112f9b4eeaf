-- =============================================================================
-- Catalog: 0001_initial_schema (up)
--
-- The reference schema (docs/reference "Database Schema Documentation") with the
-- changes recorded in docs/decisions/ADR-002-schema-deviations.md.
-- Target: PostgreSQL 15+. Run once, on an empty database, by the database owner
-- (not a superuser), inside one transaction (EF Core migration). Plain DDL: no
-- BEGIN/COMMIT, no CONCURRENTLY, no psql meta-commands.
-- All objects live in the default schema "public". All timestamps are timestamptz (UTC).
-- =============================================================================

-- -----------------------------------------------------------------------------
-- Extensions (both are "trusted": the database owner may create them)
-- -----------------------------------------------------------------------------
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;   -- trigram search (typo tolerance)
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;  -- accent folding (slugs, search input)

-- -----------------------------------------------------------------------------
-- Shared trigger function: keep updated_at current
-- -----------------------------------------------------------------------------
CREATE FUNCTION update_updated_at_column()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    NEW.updated_at = now();
    RETURN NEW;
END;
$$;

COMMENT ON FUNCTION update_updated_at_column() IS
    'BEFORE UPDATE row trigger: sets NEW.updated_at = now() (transaction start time).';

-- =============================================================================
-- users
-- =============================================================================
CREATE TABLE users (
    id                  uuid         NOT NULL DEFAULT gen_random_uuid(),
    email               varchar(255) NOT NULL,
    password_hash       varchar(255) NOT NULL,
    first_name          varchar(100),
    last_name           varchar(100),
    avatar_url          varchar(500),
    email_verified      boolean      NOT NULL DEFAULT false,
    email_verified_at   timestamptz,
    is_active           boolean      NOT NULL DEFAULT true,
    roles               text[]       NOT NULL DEFAULT ARRAY['user']::text[],
    metadata            jsonb        NOT NULL DEFAULT '{}'::jsonb,
    last_login_at       timestamptz,
    login_count         integer      NOT NULL DEFAULT 0,
    security_stamp      uuid         NOT NULL DEFAULT gen_random_uuid(),
    failed_login_count  integer      NOT NULL DEFAULT 0,
    lockout_until       timestamptz,
    password_changed_at timestamptz,
    created_at          timestamptz  NOT NULL DEFAULT now(),
    updated_at          timestamptz  NOT NULL DEFAULT now(),
    deleted_at          timestamptz,

    CONSTRAINT pk_users PRIMARY KEY (id),
    CONSTRAINT ck_users_email_format
        CHECK (email ~* '^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$'),
    CONSTRAINT ck_users_login_count_non_negative CHECK (login_count >= 0),
    CONSTRAINT ck_users_failed_login_count_non_negative CHECK (failed_login_count >= 0),
    CONSTRAINT ck_users_metadata_is_object CHECK (jsonb_typeof(metadata) = 'object')
);

COMMENT ON COLUMN users.security_stamp IS
    'Rotated on password change / role change / forced sign-out; tokens carrying an older stamp are rejected.';

-- Case-insensitive uniqueness among live (not soft-deleted) users.
CREATE UNIQUE INDEX ux_users_email_live ON users (lower(email)) WHERE deleted_at IS NULL;
CREATE INDEX idx_users_email    ON users (email)     WHERE deleted_at IS NULL;
CREATE INDEX idx_users_active   ON users (is_active) WHERE deleted_at IS NULL;
CREATE INDEX idx_users_roles    ON users USING gin (roles);
CREATE INDEX idx_users_metadata ON users USING gin (metadata);

CREATE TRIGGER trg_users_updated_at
    BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

-- =============================================================================
-- categories (tree with a materialised path, max depth 6)
-- =============================================================================
CREATE TABLE categories (
    id          uuid         NOT NULL DEFAULT gen_random_uuid(),
    name        varchar(100) NOT NULL,
    slug        varchar(100) NOT NULL,
    description text,
    parent_id   uuid,
    image_url   varchar(500),
    metadata    jsonb        NOT NULL DEFAULT '{}'::jsonb,
    sort_order  integer      NOT NULL DEFAULT 0,
    is_active   boolean      NOT NULL DEFAULT true,
    path        uuid[]       NOT NULL,  -- maintained by trg_categories_maintain_path
    depth       integer      NOT NULL,  -- maintained by trg_categories_maintain_path
    created_at  timestamptz  NOT NULL DEFAULT now(),
    updated_at  timestamptz  NOT NULL DEFAULT now(),
    deleted_at  timestamptz,

    CONSTRAINT pk_categories PRIMARY KEY (id),
    CONSTRAINT fk_categories_parent FOREIGN KEY (parent_id) REFERENCES categories (id),
    CONSTRAINT ck_categories_no_self_parent CHECK (id <> parent_id),
    CONSTRAINT ck_categories_depth_range CHECK (depth BETWEEN 1 AND 6),
    CONSTRAINT ck_categories_path_consistent
        CHECK (array_ndims(path) = 1 AND cardinality(path) = depth AND path[depth] = id),
    CONSTRAINT ck_categories_metadata_is_object CHECK (jsonb_typeof(metadata) = 'object')
);

COMMENT ON COLUMN categories.path IS
    'Ids of all ancestors from the root down to and including this row. Written only by triggers.';
COMMENT ON COLUMN categories.depth IS
    'cardinality(path); a root has depth 1, the deepest allowed level is 6. Written only by triggers.';

CREATE UNIQUE INDEX ux_categories_slug_live ON categories (slug) WHERE deleted_at IS NULL;
CREATE INDEX idx_categories_parent      ON categories (parent_id)             WHERE deleted_at IS NULL;
CREATE INDEX idx_categories_parent_sort ON categories (parent_id, sort_order) WHERE deleted_at IS NULL;
CREATE INDEX idx_categories_active      ON categories (is_active)             WHERE deleted_at IS NULL;
-- Not partial: subtree rewrites must also reach soft-deleted descendants.
CREATE INDEX idx_categories_path        ON categories USING gin (path);

-- BEFORE INSERT OR UPDATE OF parent_id: compute path/depth from the parent, reject cycles and
-- too-deep trees with SQLSTATE 23514 (check_violation).
CREATE FUNCTION categories_maintain_path()
RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
    v_parent_path uuid[];
    v_height      integer;
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.parent_id IS NOT DISTINCT FROM OLD.parent_id THEN
        -- Parent unchanged: path and depth stay as they are (they are never client-writable here).
        NEW.path  := OLD.path;
        NEW.depth := OLD.depth;
        RETURN NEW;
    END IF;

    IF NEW.parent_id IS NOT NULL AND NEW.parent_id = NEW.id THEN
        RAISE EXCEPTION 'category % cannot be its own parent', NEW.id
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'ck_categories_no_self_parent',
                  TABLE = 'categories';
    END IF;

    -- Serialise tree changes (moves and child inserts) so that concurrent transactions
    -- cannot build a cycle or leave a stale path behind. Inserting a root needs no lock.
    IF TG_OP = 'UPDATE' OR NEW.parent_id IS NOT NULL THEN
        PERFORM pg_advisory_xact_lock(hashtext('categories_tree'));
    END IF;

    IF NEW.parent_id IS NULL THEN
        v_parent_path := ARRAY[]::uuid[];
    ELSE
        SELECT c.path INTO v_parent_path FROM categories c WHERE c.id = NEW.parent_id;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'parent category % does not exist', NEW.parent_id
                USING ERRCODE = 'foreign_key_violation',
                      CONSTRAINT = 'fk_categories_parent',
                      TABLE = 'categories';
        END IF;
        IF NEW.id = ANY (v_parent_path) THEN
            RAISE EXCEPTION 'cannot move category % under %: the new parent is one of its descendants (cycle)',
                            NEW.id, NEW.parent_id
                USING ERRCODE = 'check_violation',
                      CONSTRAINT = 'ck_categories_no_cycle',
                      TABLE = 'categories';
        END IF;
    END IF;

    NEW.path  := v_parent_path || NEW.id;
    NEW.depth := cardinality(NEW.path);

    IF NEW.depth > 6 THEN
        RAISE EXCEPTION 'category tree too deep: category % would be at depth % (maximum 6)', NEW.id, NEW.depth
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'ck_categories_depth_range',
                  TABLE = 'categories';
    END IF;

    IF TG_OP = 'UPDATE' THEN
        -- Height of the subtree below the moved row (0 for a leaf): its deepest descendant
        -- lands at NEW.depth + height.
        SELECT coalesce(max(cardinality(c.path) - array_position(c.path, NEW.id)), 0)
          INTO v_height
          FROM categories c
         WHERE c.path @> ARRAY[NEW.id]
           AND c.id <> NEW.id;

        IF NEW.depth + v_height > 6 THEN
            RAISE EXCEPTION 'category tree too deep: moving category % puts its subtree at depth % (maximum 6)',
                            NEW.id, NEW.depth + v_height
                USING ERRCODE = 'check_violation',
                      CONSTRAINT = 'ck_categories_depth_range',
                      TABLE = 'categories';
        END IF;
    END IF;

    RETURN NEW;
END;
$$;

-- AFTER UPDATE OF parent_id: rewrite path/depth of every descendant of the moved row.
-- The inner UPDATE sets only path/depth (never parent_id), so neither path trigger fires
-- again: no recursion. Depth limits were checked by the BEFORE trigger (and by
-- ck_categories_depth_range as a backstop).
CREATE FUNCTION categories_rewrite_subtree()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    UPDATE categories c
       SET path  = NEW.path || c.path[array_position(c.path, NEW.id) + 1 :],
           depth = NEW.depth + cardinality(c.path) - array_position(c.path, NEW.id)
     WHERE c.path @> ARRAY[NEW.id]
       AND c.id <> NEW.id;
    RETURN NULL;
END;
$$;

COMMENT ON FUNCTION categories_maintain_path() IS
    'BEFORE INSERT OR UPDATE OF parent_id on categories: computes path/depth; raises 23514 on a cycle or depth > 6.';
COMMENT ON FUNCTION categories_rewrite_subtree() IS
    'AFTER UPDATE OF parent_id on categories: rewrites path/depth of the moved row''s descendants.';

CREATE TRIGGER trg_categories_maintain_path
    BEFORE INSERT OR UPDATE OF parent_id ON categories
    FOR EACH ROW EXECUTE FUNCTION categories_maintain_path();

CREATE TRIGGER trg_categories_rewrite_subtree
    AFTER UPDATE OF parent_id ON categories
    FOR EACH ROW
    WHEN (OLD.path IS DISTINCT FROM NEW.path)
    EXECUTE FUNCTION categories_rewrite_subtree();

CREATE TRIGGER trg_categories_updated_at
    BEFORE UPDATE ON categories
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

-- =============================================================================
-- brands
-- =============================================================================
CREATE TABLE brands (
    id          uuid         NOT NULL DEFAULT gen_random_uuid(),
    name        varchar(100) NOT NULL,
    slug        varchar(100) NOT NULL,
    description text,
    logo_url    varchar(500),
    website_url varchar(500),
    metadata    jsonb        NOT NULL DEFAULT '{}'::jsonb,
    is_active   boolean      NOT NULL DEFAULT true,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    updated_at  timestamptz  NOT NULL DEFAULT now(),
    deleted_at  timestamptz,

    CONSTRAINT pk_brands PRIMARY KEY (id),
    CONSTRAINT ck_brands_metadata_is_object CHECK (jsonb_typeof(metadata) = 'object')
);

CREATE UNIQUE INDEX ux_brands_slug_live ON brands (slug) WHERE deleted_at IS NULL;
CREATE INDEX idx_brands_name ON brands (name) WHERE deleted_at IS NULL;

CREATE TRIGGER trg_brands_updated_at
    BEFORE UPDATE ON brands
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

-- =============================================================================
-- products
-- =============================================================================
CREATE TABLE products (
    id                  uuid          NOT NULL DEFAULT gen_random_uuid(),
    name                varchar(255)  NOT NULL,
    slug                varchar(255)  NOT NULL,
    description         text,
    short_description   varchar(500),
    price               numeric(10,2) NOT NULL,
    compare_at_price    numeric(10,2),
    cost                numeric(10,2),
    category_id         uuid,
    brand_id            uuid,
    sku                 varchar(100),
    barcode             varchar(100),
    stock_quantity      integer       NOT NULL DEFAULT 0,
    low_stock_threshold integer       NOT NULL DEFAULT 10,
    weight              numeric(10,3),
    dimensions          jsonb         NOT NULL DEFAULT '{"length": null, "width": null, "height": null}'::jsonb,
    images              jsonb         NOT NULL DEFAULT '[]'::jsonb,
    tags                text[]        NOT NULL DEFAULT ARRAY[]::text[],
    metadata            jsonb         NOT NULL DEFAULT '{}'::jsonb,
    is_active           boolean       NOT NULL DEFAULT true,
    is_featured         boolean       NOT NULL DEFAULT false,
    status              varchar(20)   NOT NULL DEFAULT 'draft',
    review_remark       text,
    submitted_at        timestamptz,
    average_rating      numeric(3,2)  NOT NULL DEFAULT 0,
    review_count        integer       NOT NULL DEFAULT 0,
    rating_counts       integer[]     NOT NULL DEFAULT '{0,0,0,0,0}'::integer[],
    created_by          uuid,
    updated_by          uuid,
    created_at          timestamptz   NOT NULL DEFAULT now(),
    updated_at          timestamptz   NOT NULL DEFAULT now(),
    published_at        timestamptz,
    deleted_at          timestamptz,
    search_vector       tsvector GENERATED ALWAYS AS (
                            setweight(to_tsvector('english', coalesce(name, '')), 'A')
                         || setweight(to_tsvector('english', coalesce(short_description, '')), 'B')
                         || setweight(to_tsvector('english', coalesce(description, '')), 'C')
                        ) STORED,

    CONSTRAINT pk_products PRIMARY KEY (id),
    CONSTRAINT fk_products_category   FOREIGN KEY (category_id) REFERENCES categories (id),
    CONSTRAINT fk_products_brand      FOREIGN KEY (brand_id)    REFERENCES brands (id),
    CONSTRAINT fk_products_created_by FOREIGN KEY (created_by)  REFERENCES users (id),
    CONSTRAINT fk_products_updated_by FOREIGN KEY (updated_by)  REFERENCES users (id),
    CONSTRAINT ck_products_price_non_negative CHECK (price >= 0),
    CONSTRAINT ck_products_cost_non_negative CHECK (cost IS NULL OR cost >= 0),
    CONSTRAINT ck_products_price_compare CHECK (compare_at_price IS NULL OR compare_at_price > price),
    CONSTRAINT ck_products_stock_non_negative CHECK (stock_quantity >= 0),
    CONSTRAINT ck_products_low_stock_threshold_non_negative CHECK (low_stock_threshold >= 0),
    CONSTRAINT ck_products_weight_non_negative CHECK (weight IS NULL OR weight >= 0),
    CONSTRAINT ck_products_images_is_array CHECK (jsonb_typeof(images) = 'array'),
    CONSTRAINT ck_products_metadata_is_object CHECK (jsonb_typeof(metadata) = 'object'),
    CONSTRAINT ck_products_dimensions_is_object CHECK (jsonb_typeof(dimensions) = 'object'),
    CONSTRAINT ck_products_status
        CHECK (status IN ('draft', 'in_review', 'published', 'rejected', 'archived')),
    CONSTRAINT ck_products_average_rating_range CHECK (average_rating BETWEEN 0 AND 5),
    CONSTRAINT ck_products_review_count_non_negative CHECK (review_count >= 0),
    CONSTRAINT ck_products_rating_counts_shape
        CHECK (array_ndims(rating_counts) = 1
               AND cardinality(rating_counts) = 5
               AND array_position(rating_counts, NULL) IS NULL
               AND 0 <= ALL (rating_counts))
);

COMMENT ON COLUMN products.rating_counts IS
    'Number of live reviews with rating 1..5 (index 1 = one star); kept by the application in the review''s transaction.';
COMMENT ON COLUMN products.average_rating IS
    'Average rating of live reviews (0 when none); denormalised, kept by the application with review_count.';
COMMENT ON COLUMN products.search_vector IS
    'Generated: name (weight A), short_description (B), description (C), english configuration.';

-- Reference indexes (idx_products_slug / idx_products_sku became the partial unique indexes below).
CREATE UNIQUE INDEX ux_products_slug_live ON products (slug) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX ux_products_sku_live  ON products (sku)  WHERE deleted_at IS NULL;
CREATE INDEX idx_products_category ON products (category_id) WHERE deleted_at IS NULL;
CREATE INDEX idx_products_brand    ON products (brand_id)    WHERE deleted_at IS NULL;
CREATE INDEX idx_products_active   ON products (is_active)   WHERE deleted_at IS NULL;
CREATE INDEX idx_products_featured ON products (is_featured) WHERE deleted_at IS NULL AND is_active;
CREATE INDEX idx_products_tags     ON products USING gin (tags);
CREATE INDEX idx_products_metadata ON products USING gin (metadata);
CREATE INDEX idx_products_price    ON products (price)           WHERE deleted_at IS NULL AND is_active;
CREATE INDEX idx_products_created  ON products (created_at DESC) WHERE deleted_at IS NULL;

-- Full-text search (replaces the reference's expression index of the same name).
CREATE INDEX idx_products_search     ON products USING gin (search_vector)      WHERE deleted_at IS NULL;
-- Typo-tolerant fallback search on the name (pg_trgm).
CREATE INDEX idx_products_name_trgm  ON products USING gin (name gin_trgm_ops) WHERE deleted_at IS NULL;

-- Storefront keyset pagination over published, active, live products.
CREATE INDEX idx_products_storefront_newest ON products (created_at DESC, id DESC)
    WHERE deleted_at IS NULL AND is_active AND status = 'published';
CREATE INDEX idx_products_storefront_price ON products (price, id)
    WHERE deleted_at IS NULL AND is_active AND status = 'published';
CREATE INDEX idx_products_storefront_name ON products (name, id)
    WHERE deleted_at IS NULL AND is_active AND status = 'published';
CREATE INDEX idx_products_storefront_rating ON products (average_rating DESC, id DESC)
    WHERE deleted_at IS NULL AND is_active AND status = 'published';
CREATE INDEX idx_products_storefront_category_newest ON products (category_id, created_at DESC, id DESC)
    WHERE deleted_at IS NULL AND is_active AND status = 'published';

-- Back office.
CREATE INDEX idx_products_low_stock ON products (stock_quantity)
    WHERE deleted_at IS NULL AND stock_quantity <= low_stock_threshold;
CREATE INDEX idx_products_workflow ON products (status, updated_at DESC)
    WHERE deleted_at IS NULL AND status IN ('draft', 'in_review');

CREATE TRIGGER trg_products_updated_at
    BEFORE UPDATE ON products
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

-- =============================================================================
-- reviews
-- =============================================================================
CREATE TABLE reviews (
    id                   uuid         NOT NULL DEFAULT gen_random_uuid(),
    product_id           uuid         NOT NULL,
    user_id              uuid         NOT NULL,
    rating               integer      NOT NULL,
    title                varchar(255),
    comment              text,
    pros                 text[]       NOT NULL DEFAULT '{}'::text[],
    cons                 text[]       NOT NULL DEFAULT '{}'::text[],
    is_verified_purchase boolean      NOT NULL DEFAULT false,
    helpful_count        integer      NOT NULL DEFAULT 0,
    images               jsonb        NOT NULL DEFAULT '[]'::jsonb,
    metadata             jsonb        NOT NULL DEFAULT '{}'::jsonb,
    created_at           timestamptz  NOT NULL DEFAULT now(),
    updated_at           timestamptz  NOT NULL DEFAULT now(),
    deleted_at           timestamptz,

    CONSTRAINT pk_reviews PRIMARY KEY (id),
    CONSTRAINT fk_reviews_product FOREIGN KEY (product_id) REFERENCES products (id),
    CONSTRAINT fk_reviews_user    FOREIGN KEY (user_id)    REFERENCES users (id),
    CONSTRAINT ck_reviews_rating_range CHECK (rating BETWEEN 1 AND 5),
    CONSTRAINT ck_reviews_helpful_count_non_negative CHECK (helpful_count >= 0),
    CONSTRAINT ck_reviews_images_is_array CHECK (jsonb_typeof(images) = 'array'),
    CONSTRAINT ck_reviews_metadata_is_object CHECK (jsonb_typeof(metadata) = 'object')
);

-- One live review per user and product (a soft-deleted review does not block a new one).
CREATE UNIQUE INDEX ux_reviews_user_product_live ON reviews (user_id, product_id) WHERE deleted_at IS NULL;
CREATE INDEX idx_reviews_product ON reviews (product_id)      WHERE deleted_at IS NULL;
CREATE INDEX idx_reviews_user    ON reviews (user_id)         WHERE deleted_at IS NULL;
CREATE INDEX idx_reviews_rating  ON reviews (rating)          WHERE deleted_at IS NULL;
CREATE INDEX idx_reviews_created ON reviews (created_at DESC) WHERE deleted_at IS NULL;
-- Review pages of one product (keyset): newest, filtered by rating, most helpful.
CREATE INDEX idx_reviews_product_newest  ON reviews (product_id, created_at DESC, id DESC)
    WHERE deleted_at IS NULL;
CREATE INDEX idx_reviews_product_rating  ON reviews (product_id, rating, created_at DESC, id DESC)
    WHERE deleted_at IS NULL;
CREATE INDEX idx_reviews_product_helpful ON reviews (product_id, helpful_count DESC, id DESC)
    WHERE deleted_at IS NULL;

CREATE TRIGGER trg_reviews_updated_at
    BEFORE UPDATE ON reviews
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

-- =============================================================================
-- review_helpful_votes (one "helpful" vote per user and review)
-- =============================================================================
CREATE TABLE review_helpful_votes (
    review_id  uuid        NOT NULL,
    user_id    uuid        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT pk_review_helpful_votes PRIMARY KEY (review_id, user_id),
    CONSTRAINT fk_review_helpful_votes_review FOREIGN KEY (review_id) REFERENCES reviews (id) ON DELETE CASCADE,
    CONSTRAINT fk_review_helpful_votes_user   FOREIGN KEY (user_id)   REFERENCES users (id)
);

CREATE INDEX idx_review_helpful_votes_user ON review_helpful_votes (user_id);

-- =============================================================================
-- user_sessions
-- =============================================================================
CREATE TABLE user_sessions (
    id                  uuid         NOT NULL DEFAULT gen_random_uuid(),
    user_id             uuid         NOT NULL,
    session_token       varchar(255) NOT NULL,
    ip_address          inet,
    user_agent          text,
    location            jsonb,
    expires_at          timestamptz  NOT NULL,
    absolute_expires_at timestamptz  NOT NULL,
    created_at          timestamptz  NOT NULL DEFAULT now(),
    last_activity_at    timestamptz  NOT NULL DEFAULT now(),
    revoked_at          timestamptz,
    revoked_reason      varchar(50),

    CONSTRAINT pk_user_sessions PRIMARY KEY (id),
    CONSTRAINT uq_user_sessions_session_token UNIQUE (session_token),
    CONSTRAINT fk_user_sessions_user FOREIGN KEY (user_id) REFERENCES users (id)
);

COMMENT ON COLUMN user_sessions.expires_at IS 'Sliding expiry (extended on refresh, never past absolute_expires_at).';
COMMENT ON COLUMN user_sessions.absolute_expires_at IS 'Hard end of the sign-in, whatever the activity.';

CREATE INDEX idx_sessions_user    ON user_sessions (user_id);
CREATE INDEX idx_sessions_expires ON user_sessions (expires_at);

-- =============================================================================
-- refresh_tokens (rotation; a family = all tokens of one sign-in)
-- =============================================================================
CREATE TABLE refresh_tokens (
    id             uuid        NOT NULL DEFAULT gen_random_uuid(),
    user_id        uuid        NOT NULL,
    session_id     uuid        NOT NULL,
    family_id      uuid        NOT NULL,
    token_hash     varchar(64) NOT NULL,
    expires_at     timestamptz NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    last_used_at   timestamptz,
    used_at        timestamptz,
    replaced_by_id uuid,
    revoked_at     timestamptz,
    revoked_reason varchar(50),
    ip_address     inet,
    user_agent     text,

    CONSTRAINT pk_refresh_tokens PRIMARY KEY (id),
    CONSTRAINT uq_refresh_tokens_token_hash UNIQUE (token_hash),
    CONSTRAINT fk_refresh_tokens_user    FOREIGN KEY (user_id)    REFERENCES users (id),
    CONSTRAINT fk_refresh_tokens_session FOREIGN KEY (session_id) REFERENCES user_sessions (id) ON DELETE CASCADE
);

COMMENT ON COLUMN refresh_tokens.token_hash IS 'Hex SHA-256 of the token; the token itself is never stored.';
COMMENT ON COLUMN refresh_tokens.family_id IS 'Id of the session of the sign-in; reuse of a used token revokes the whole family.';
COMMENT ON COLUMN refresh_tokens.used_at IS 'Set when the token was rotated (exchanged for a new one).';

CREATE INDEX idx_refresh_tokens_user    ON refresh_tokens (user_id);
CREATE INDEX idx_refresh_tokens_family  ON refresh_tokens (family_id);
CREATE INDEX idx_refresh_tokens_session ON refresh_tokens (session_id);
CREATE INDEX idx_refresh_tokens_expires ON refresh_tokens (expires_at);

-- =============================================================================
-- api_keys
-- =============================================================================
CREATE TABLE api_keys (
    id           uuid         NOT NULL DEFAULT gen_random_uuid(),
    name         varchar(255) NOT NULL,
    prefix       varchar(32)  NOT NULL,
    key_hash     varchar(64)  NOT NULL,
    user_id      uuid,
    permissions  text[]       NOT NULL DEFAULT ARRAY[]::text[],
    rate_limit   integer      NOT NULL DEFAULT 1000,
    expires_at   timestamptz,
    last_used_at timestamptz,
    is_active    boolean      NOT NULL DEFAULT true,
    created_by   uuid,
    revoked_at   timestamptz,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    updated_at   timestamptz  NOT NULL DEFAULT now(),
    deleted_at   timestamptz,

    CONSTRAINT pk_api_keys PRIMARY KEY (id),
    CONSTRAINT uq_api_keys_prefix UNIQUE (prefix),
    CONSTRAINT uq_api_keys_key_hash UNIQUE (key_hash),
    CONSTRAINT fk_api_keys_user       FOREIGN KEY (user_id)    REFERENCES users (id),
    CONSTRAINT fk_api_keys_created_by FOREIGN KEY (created_by) REFERENCES users (id),
    CONSTRAINT ck_api_keys_rate_limit_positive CHECK (rate_limit > 0)
);

COMMENT ON COLUMN api_keys.key_hash IS 'Hex SHA-256 of the key; the key is shown once at creation and never stored.';
COMMENT ON COLUMN api_keys.prefix IS 'Public, unique leading part of the key, used to find the row and to show the key in lists.';
COMMENT ON COLUMN api_keys.rate_limit IS 'Requests per minute for this key.';

CREATE INDEX idx_api_keys_hash   ON api_keys (key_hash)  WHERE deleted_at IS NULL;
CREATE INDEX idx_api_keys_user   ON api_keys (user_id)   WHERE deleted_at IS NULL;
CREATE INDEX idx_api_keys_active ON api_keys (is_active) WHERE deleted_at IS NULL;

CREATE TRIGGER trg_api_keys_updated_at
    BEFORE UPDATE ON api_keys
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

-- =============================================================================
-- permissions, role_permissions (+ seed)
-- =============================================================================
CREATE TABLE permissions (
    id          uuid        NOT NULL DEFAULT gen_random_uuid(),
    resource    varchar(50) NOT NULL,
    action      varchar(50) NOT NULL,
    description text,
    created_at  timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT pk_permissions PRIMARY KEY (id),
    CONSTRAINT uq_permissions_resource_action UNIQUE (resource, action)
);

CREATE TABLE role_permissions (
    role          varchar(50) NOT NULL,
    permission_id uuid        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT pk_role_permissions PRIMARY KEY (role, permission_id),
    CONSTRAINT fk_role_permissions_permission FOREIGN KEY (permission_id)
        REFERENCES permissions (id) ON DELETE CASCADE
);

CREATE INDEX idx_role_permissions_role ON role_permissions (role);

INSERT INTO permissions (resource, action, description) VALUES
    ('users',       'read',    'View user accounts'),
    ('users',       'write',   'Update user accounts, roles and activation'),
    ('users',       'delete',  'Delete (soft-delete) user accounts'),
    ('products',    'read',    'View all products including drafts, cost and internal fields; export'),
    ('products',    'write',   'Create, update, import products, adjust stock, submit for review'),
    ('products',    'delete',  'Delete and restore products'),
    ('products',    'publish', 'Publish, unpublish and reject products'),
    ('categories',  'write',   'Create, update and move categories'),
    ('categories',  'delete',  'Delete categories'),
    ('brands',      'write',   'Create and update brands'),
    ('brands',      'delete',  'Delete brands'),
    ('reviews',     'moderate','Moderate (delete) any review'),
    ('api_keys',    'read',    'List and view API keys'),
    ('api_keys',    'write',   'Create, rotate and revoke API keys'),
    ('audit_logs',  'read',    'Read the audit log'),
    ('permissions', 'read',    'View permissions and role assignments'),
    ('permissions', 'write',   'Change the permissions granted to roles'),
    ('jobs',        'read',    'View background jobs and their last runs'),
    ('jobs',        'run',     'Trigger a background job run');

-- admin: everything
INSERT INTO role_permissions (role, permission_id)
SELECT 'admin', p.id FROM permissions p;

-- catalog_manager: products:*, categories:*, brands:*
INSERT INTO role_permissions (role, permission_id)
SELECT 'catalog_manager', p.id FROM permissions p
 WHERE p.resource IN ('products', 'categories', 'brands');

-- editor: may edit and submit for review, may not publish or delete
INSERT INTO role_permissions (role, permission_id)
SELECT 'editor', p.id FROM permissions p
 WHERE (p.resource, p.action) IN (('products', 'read'), ('products', 'write'),
                                  ('categories', 'write'), ('brands', 'write'));

-- moderator: reviews:moderate
INSERT INTO role_permissions (role, permission_id)
SELECT 'moderator', p.id FROM permissions p
 WHERE (p.resource, p.action) = ('reviews', 'moderate');

-- role "user" has no permissions (no rows).

-- =============================================================================
-- audit_logs (append-only, partitioned by month on created_at)
-- =============================================================================
CREATE TABLE audit_logs (
    id            uuid         NOT NULL DEFAULT gen_random_uuid(),
    user_id       uuid,                 -- no FK on purpose (ADR-002)
    action        varchar(100) NOT NULL,
    resource_type varchar(50)  NOT NULL,
    resource_id   uuid,
    changes       jsonb,
    metadata      jsonb        NOT NULL DEFAULT '{}'::jsonb,
    ip_address    inet,
    user_agent    text,
    request_id    varchar(100),
    duration_ms   integer,
    status_code   integer,
    error_message text,
    created_at    timestamptz  NOT NULL DEFAULT now(),

    CONSTRAINT pk_audit_logs PRIMARY KEY (id, created_at)
) PARTITION BY RANGE (created_at);

CREATE INDEX idx_audit_user     ON audit_logs (user_id);
CREATE INDEX idx_audit_resource ON audit_logs (resource_type, resource_id);
CREATE INDEX idx_audit_action   ON audit_logs (action);
CREATE INDEX idx_audit_created  ON audit_logs (created_at DESC);
CREATE INDEX idx_audit_request  ON audit_logs (request_id);
CREATE INDEX idx_audit_resource_keyset ON audit_logs (resource_type, resource_id, created_at DESC, id DESC);

-- Catch-all for rows outside every monthly partition (e.g. the job fell behind).
CREATE TABLE audit_logs_default PARTITION OF audit_logs DEFAULT;

-- Append-only guard. Bypassed only while catalog.audit_maintenance = 'on' (set locally by
-- ensure_audit_partitions while it moves rows out of the DEFAULT partition). This is a
-- safety net, not the security boundary: the application role has no UPDATE/DELETE grant.
CREATE FUNCTION audit_logs_block_mutation()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    IF current_setting('catalog.audit_maintenance', true) = 'on' THEN
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        ELSIF TG_OP = 'UPDATE' THEN
            RETURN NEW;
        END IF;
        RETURN NULL;  -- TRUNCATE (statement level): return value ignored
    END IF;

    RAISE EXCEPTION 'audit_logs is append-only'
        USING ERRCODE = 'insufficient_privilege',  -- 42501
              DETAIL = format('%s on %I is not allowed', TG_OP, TG_TABLE_NAME),
              TABLE = TG_TABLE_NAME;
END;
$$;

COMMENT ON FUNCTION audit_logs_block_mutation() IS
    'Raises 42501 ''audit_logs is append-only'' on UPDATE/DELETE/TRUNCATE unless catalog.audit_maintenance = ''on''.';

-- Row-level BEFORE triggers on the partitioned parent are cloned to every partition
-- (existing and future, including attached ones).
CREATE TRIGGER trg_audit_logs_block_update
    BEFORE UPDATE ON audit_logs
    FOR EACH ROW EXECUTE FUNCTION audit_logs_block_mutation();

CREATE TRIGGER trg_audit_logs_block_delete
    BEFORE DELETE ON audit_logs
    FOR EACH ROW EXECUTE FUNCTION audit_logs_block_mutation();

-- Statement-level TRUNCATE triggers are not cloned: one on the parent, one on each partition.
CREATE TRIGGER trg_audit_logs_block_truncate
    BEFORE TRUNCATE ON audit_logs
    FOR EACH STATEMENT EXECUTE FUNCTION audit_logs_block_mutation();

CREATE TRIGGER trg_audit_logs_block_truncate
    BEFORE TRUNCATE ON audit_logs_default
    FOR EACH STATEMENT EXECUTE FUNCTION audit_logs_block_mutation();

-- Creates audit_logs_YYYY_MM for the current UTC month through months_ahead months ahead,
-- skipping existing ones; returns how many it created. Rows of a new month that already sit
-- in the DEFAULT partition are moved into the new partition (create standalone table, move
-- rows, ATTACH). Serialised by an advisory lock, so concurrent calls are safe.
-- SECURITY DEFINER: the application role (which does not own audit_logs and has no
-- DELETE grant) may run it from the maintenance job; hence the fixed search_path and
-- schema-qualified names.
CREATE FUNCTION ensure_audit_partitions(months_ahead integer DEFAULT 1)
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_first_month date := date_trunc('month', now() AT TIME ZONE 'UTC')::date;
    v_month       date;
    v_from        timestamptz;
    v_to          timestamptz;
    v_from_text   text;
    v_to_text     text;
    v_name        text;
    v_has_rows    boolean;
    v_prev_flag   text;
    v_created     integer := 0;
BEGIN
    IF months_ahead IS NULL OR months_ahead < 0 OR months_ahead > 120 THEN
        RAISE EXCEPTION 'months_ahead must be between 0 and 120, got %', months_ahead
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    PERFORM pg_advisory_xact_lock(hashtext('audit_partitions'));

    FOR i IN 0 .. months_ahead LOOP
        v_month     := (v_first_month + make_interval(months => i))::date;
        v_name      := 'audit_logs_' || to_char(v_month, 'YYYY_MM');
        v_from_text := to_char(v_month, 'YYYY-MM-DD') || ' 00:00:00+00';
        v_to_text   := to_char((v_month + interval '1 month')::date, 'YYYY-MM-DD') || ' 00:00:00+00';
        v_from      := v_from_text::timestamptz;
        v_to        := v_to_text::timestamptz;

        IF EXISTS (SELECT 1
                     FROM pg_class c
                    WHERE c.relname = v_name
                      AND c.relnamespace = 'public'::regnamespace) THEN
            CONTINUE;
        END IF;

        SELECT EXISTS (SELECT 1
                         FROM public.audit_logs_default d
                        WHERE d.created_at >= v_from
                          AND d.created_at <  v_to)
          INTO v_has_rows;

        IF v_has_rows THEN
            -- A partition cannot be created while DEFAULT holds rows of its range:
            -- build it standalone, move the rows, then attach it.
            EXECUTE format(
                'CREATE TABLE public.%I (LIKE public.audit_logs INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE)',
                v_name);

            v_prev_flag := current_setting('catalog.audit_maintenance', true);
            PERFORM set_config('catalog.audit_maintenance', 'on', true);

            EXECUTE format(
                'INSERT INTO public.%I SELECT * FROM public.audit_logs_default WHERE created_at >= $1 AND created_at < $2',
                v_name)
              USING v_from, v_to;
            DELETE FROM public.audit_logs_default d
             WHERE d.created_at >= v_from
               AND d.created_at <  v_to;

            PERFORM set_config('catalog.audit_maintenance', coalesce(v_prev_flag, 'off'), true);

            EXECUTE format(
                'ALTER TABLE public.audit_logs ATTACH PARTITION public.%I FOR VALUES FROM (%L) TO (%L)',
                v_name, v_from_text, v_to_text);
        ELSE
            EXECUTE format(
                'CREATE TABLE IF NOT EXISTS public.%I PARTITION OF public.audit_logs FOR VALUES FROM (%L) TO (%L)',
                v_name, v_from_text, v_to_text);
        END IF;

        EXECUTE format(
            'CREATE TRIGGER trg_audit_logs_block_truncate BEFORE TRUNCATE ON public.%I '
            'FOR EACH STATEMENT EXECUTE FUNCTION public.audit_logs_block_mutation()',
            v_name);

        v_created := v_created + 1;
    END LOOP;

    RETURN v_created;
END;
$$;

COMMENT ON FUNCTION ensure_audit_partitions(integer) IS
    'Creates monthly audit_logs partitions (UTC) for the current month .. months_ahead; moves matching rows out of audit_logs_default; returns the number created.';

SELECT ensure_audit_partitions(1);

-- =============================================================================
-- email_outbox (mail written in the business transaction, delivered by a job)
-- =============================================================================
CREATE TABLE email_outbox (
    id              uuid         NOT NULL DEFAULT gen_random_uuid(),
    recipient       varchar(255) NOT NULL,
    subject         varchar(500) NOT NULL,
    body            text         NOT NULL,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    sent_at         timestamptz,
    attempts        integer      NOT NULL DEFAULT 0,
    last_error      text,
    next_attempt_at timestamptz  NOT NULL DEFAULT now(),

    CONSTRAINT pk_email_outbox PRIMARY KEY (id),
    CONSTRAINT ck_email_outbox_attempts_non_negative CHECK (attempts >= 0)
);

CREATE INDEX idx_email_outbox_pending ON email_outbox (next_attempt_at) WHERE sent_at IS NULL;
CREATE INDEX idx_email_outbox_sent    ON email_outbox (sent_at)         WHERE sent_at IS NOT NULL;

-- =============================================================================
-- user_tokens (email verification and password reset; only hashes are stored)
-- =============================================================================
CREATE TABLE user_tokens (
    id           uuid        NOT NULL DEFAULT gen_random_uuid(),
    user_id      uuid        NOT NULL,
    purpose      varchar(30) NOT NULL,
    token_hash   varchar(64) NOT NULL,
    expires_at   timestamptz NOT NULL,
    attempts     integer     NOT NULL DEFAULT 0,
    max_attempts integer     NOT NULL DEFAULT 5,
    used_at      timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT pk_user_tokens PRIMARY KEY (id),
    CONSTRAINT uq_user_tokens_token_hash UNIQUE (token_hash),
    CONSTRAINT fk_user_tokens_user FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT ck_user_tokens_purpose CHECK (purpose IN ('email_verification', 'password_reset')),
    CONSTRAINT ck_user_tokens_attempts_non_negative CHECK (attempts >= 0),
    CONSTRAINT ck_user_tokens_max_attempts_positive CHECK (max_attempts > 0)
);

CREATE INDEX idx_user_tokens_user_purpose ON user_tokens (user_id, purpose);
CREATE INDEX idx_user_tokens_expires      ON user_tokens (expires_at);

-- =============================================================================
-- idempotency_records (Idempotency-Key replay store)
-- =============================================================================
CREATE TABLE idempotency_records (
    caller                varchar(200)  NOT NULL,
    idempotency_key       varchar(255)  NOT NULL,
    request_method        varchar(10)   NOT NULL,
    request_path          varchar(2000) NOT NULL,
    request_hash          varchar(64)   NOT NULL,
    status_code           integer,      -- NULL while the first request is in flight
    response_body         bytea,
    response_content_type varchar(200),
    response_headers      jsonb,
    created_at            timestamptz   NOT NULL DEFAULT now(),
    completed_at          timestamptz,

    CONSTRAINT pk_idempotency_records PRIMARY KEY (caller, idempotency_key),
    CONSTRAINT ck_idempotency_records_status_code CHECK (status_code IS NULL OR status_code BETWEEN 100 AND 599)
);

CREATE INDEX idx_idempotency_records_created ON idempotency_records (created_at);

-- =============================================================================
-- job_runs (history of background job executions)
-- =============================================================================
CREATE TABLE job_runs (
    id            uuid         NOT NULL DEFAULT gen_random_uuid(),
    job_name      varchar(100) NOT NULL,
    instance_id   varchar(200),
    triggered_by  varchar(50)  NOT NULL DEFAULT 'schedule',
    started_at    timestamptz  NOT NULL,
    finished_at   timestamptz,
    outcome       varchar(20)  NOT NULL,
    rows_affected bigint,
    error         text,

    CONSTRAINT pk_job_runs PRIMARY KEY (id),
    CONSTRAINT ck_job_runs_outcome CHECK (outcome IN ('running', 'succeeded', 'failed', 'cancelled'))
);

CREATE INDEX idx_job_runs_job_started ON job_runs (job_name, started_at DESC);

-- =============================================================================
-- soft_delete(table, id): sets deleted_at on a live row of a table that has deleted_at
-- =============================================================================
CREATE FUNCTION soft_delete(table_name text, record_id uuid)
RETURNS boolean
LANGUAGE plpgsql
AS $$
DECLARE
    v_rel   regclass;
    v_count bigint;
BEGIN
    v_rel := to_regclass(format('%I', soft_delete.table_name));
    IF v_rel IS NULL THEN
        RAISE EXCEPTION 'table "%" does not exist', soft_delete.table_name
            USING ERRCODE = 'undefined_table';
    END IF;

    IF NOT EXISTS (SELECT 1
                     FROM pg_catalog.pg_attribute a
                     JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
                    WHERE a.attrelid = v_rel
                      AND c.relkind IN ('r', 'p')
                      AND a.attname = 'deleted_at'
                      AND a.attnum > 0
                      AND NOT a.attisdropped) THEN
        RAISE EXCEPTION 'table "%" does not support soft delete (no deleted_at column)', soft_delete.table_name
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    EXECUTE format('UPDATE %I SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL',
                   soft_delete.table_name)
      USING record_id;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    RETURN v_count > 0;
END;
$$;

COMMENT ON FUNCTION soft_delete(text, uuid) IS
    'Soft-deletes row record_id of table_name (unqualified) if it is live; true when a row changed. Rejects tables without deleted_at.';

-- =============================================================================
-- search_products(query, limit): storefront full-text search with prefix matching,
-- trigram fallback on the name when the full-text search finds nothing.
-- =============================================================================
CREATE FUNCTION search_products(search_query text, limit_count integer DEFAULT 20)
RETURNS TABLE (
    id                uuid,
    name              varchar,
    slug              varchar,
    short_description varchar,
    price             numeric,
    compare_at_price  numeric,
    images            jsonb,
    average_rating    numeric,
    review_count      integer,
    rank              real
)
LANGUAGE plpgsql
STABLE
AS $$
#variable_conflict use_column
DECLARE
    v_limit          integer := least(greatest(coalesce(limit_count, 20), 1), 100);
    v_words          text[];
    v_text           text;
    v_query          tsquery;
    v_prev_threshold text;
BEGIN
    -- Words of the trimmed query, reduced to letters and digits: nothing that to_tsquery
    -- could read as an operator survives, so the built query cannot be malformed.
    SELECT array_agg(w ORDER BY ord)
      INTO v_words
      FROM (SELECT regexp_replace(part, '[^[:alnum:]]+', '', 'g') AS w, ord
              FROM regexp_split_to_table(btrim(coalesce(search_query, '')), '[[:space:]]+')
                   WITH ORDINALITY AS t(part, ord)) s
     WHERE w <> '';

    IF v_words IS NULL THEN
        RETURN;  -- empty query: no rows
    END IF;

    v_text  := array_to_string(v_words, ' ');
    v_query := to_tsquery('english', array_to_string(
                   ARRAY(SELECT x || ':*' FROM unnest(v_words) AS x), ' & '));

    IF numnode(v_query) > 0 THEN
        RETURN QUERY
        SELECT p.id, p.name, p.slug, p.short_description, p.price, p.compare_at_price,
               p.images, p.average_rating, p.review_count,
               ts_rank(p.search_vector, v_query)
          FROM products p
         WHERE p.deleted_at IS NULL
           AND p.is_active
           AND p.status = 'published'
           AND p.search_vector @@ v_query
         ORDER BY ts_rank(p.search_vector, v_query) DESC, p.id
         LIMIT v_limit;

        IF FOUND THEN
            RETURN;
        END IF;
    END IF;

    -- Fallback: typo tolerance on the name (idx_products_name_trgm). "%" matches similar whole
    -- names (similarity >= pg_trgm.similarity_threshold, default 0.3), "%>" a similar word inside
    -- the name. The word threshold is lowered from 0.6 to 0.5 for this query only, so that one
    -- typo in a short word still matches (word_similarity('mouce', 'Wireless Mouse') = 0.5).
    -- (Set in the body rather than with a SET clause: a non-superuser cannot create a function
    -- with SET pg_trgm.* unless pg_trgm happens to be loaded in that session, e.g. on restore.)
    v_prev_threshold := current_setting('pg_trgm.word_similarity_threshold', true);
    PERFORM set_config('pg_trgm.word_similarity_threshold', '0.5', true);

    RETURN QUERY
    SELECT p.id, p.name, p.slug, p.short_description, p.price, p.compare_at_price,
           p.images, p.average_rating, p.review_count,
           greatest(similarity(p.name, v_text), word_similarity(v_text, p.name))
      FROM products p
     WHERE p.deleted_at IS NULL
       AND p.is_active
       AND p.status = 'published'
       AND (p.name % v_text OR p.name %> v_text)
     ORDER BY greatest(similarity(p.name, v_text), word_similarity(v_text, p.name)) DESC, p.id
     LIMIT v_limit;

    PERFORM set_config('pg_trgm.word_similarity_threshold',
                       coalesce(nullif(v_prev_threshold, ''), '0.6'), true);
END;
$$;

COMMENT ON FUNCTION search_products(text, integer) IS
    'Storefront search: prefix full-text match ranked by ts_rank; trigram fallback on name; limit clamped to 1..100.';

-- =============================================================================
-- Views
-- =============================================================================
CREATE VIEW v_active_users AS
SELECT u.id,
       u.email,
       u.first_name,
       u.last_name,
       u.roles,
       u.email_verified,
       u.last_login_at,
       u.created_at,
       count(s.id) AS active_sessions
  FROM users u
  LEFT JOIN user_sessions s
         ON s.user_id = u.id
        AND s.revoked_at IS NULL
        AND s.expires_at > now()
        AND s.absolute_expires_at > now()
 WHERE u.deleted_at IS NULL
   AND u.is_active
 GROUP BY u.id;

CREATE VIEW v_product_summary AS
SELECT p.id,
       p.name,
       p.slug,
       p.price,
       p.stock_quantity,
       c.name AS category_name,
       b.name AS brand_name,
       p.average_rating,
       p.review_count,
       p.created_at,
       p.updated_at
  FROM products p
  LEFT JOIN categories c ON c.id = p.category_id
  LEFT JOIN brands b ON b.id = p.brand_id
 WHERE p.deleted_at IS NULL;

CREATE VIEW v_storefront_products AS
SELECT p.id,
       p.name,
       p.slug,
       p.short_description,
       p.price,
       p.compare_at_price,
       p.tags,
       p.images,
       p.is_featured,
       p.stock_quantity,
       (p.stock_quantity > 0) AS in_stock,
       p.average_rating,
       p.review_count,
       p.created_at,
       c.id   AS category_id,
       c.path AS category_path,
       b.id   AS brand_id,
       b.name AS brand_name,
       b.slug AS brand_slug,
       c.name AS category_name,
       c.slug AS category_slug
  FROM products p
  LEFT JOIN categories c ON c.id = p.category_id AND c.deleted_at IS NULL
  LEFT JOIN brands b ON b.id = p.brand_id AND b.deleted_at IS NULL
 WHERE p.deleted_at IS NULL
   AND p.is_active
   AND p.status = 'published';

COMMENT ON VIEW v_active_users IS 'Live, active users with their count of usable (not revoked, not expired) sessions.';
COMMENT ON VIEW v_product_summary IS 'Back-office product summary (all live products); ratings read from the denormalised columns.';
COMMENT ON VIEW v_storefront_products IS 'What a storefront list shows: published, active, live products with brand and category.';
