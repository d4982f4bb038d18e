-- A person's avatar names the workspace with the file, so the reference can only point at a file of
-- that workspace; when the file goes (the workspace is purged, or the person is erased) both columns
-- are cleared with it. The request role may set or clear its own avatar and nothing else of the row
-- (`user_self` limits it to the person's own row).
ALTER TABLE "user" ADD CONSTRAINT "user_avatar_file_fk" FOREIGN KEY ("avatar_workspace_id", "avatar_file_id") REFERENCES "public"."file"("workspace_id", "id") ON DELETE SET NULL;--> statement-breakpoint
CREATE INDEX "user_avatar_file_idx" ON "user" USING btree ("avatar_workspace_id", "avatar_file_id") WHERE avatar_file_id is not null;--> statement-breakpoint
GRANT UPDATE (avatar_workspace_id, avatar_file_id, updated_at) ON "user" TO app_request;
