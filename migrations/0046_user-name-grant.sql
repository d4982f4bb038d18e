-- A person changes their own display name on a request (PATCH /api/v1/me): the request role may
-- update only `name` and `updated_at` of `user`, and the `user_self` policy limits it to their own row.
GRANT UPDATE (name, updated_at) ON "user" TO app_request;
