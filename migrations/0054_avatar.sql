ALTER TABLE "user" ADD COLUMN "avatar_workspace_id" uuid;--> statement-breakpoint
ALTER TABLE "user" ADD COLUMN "avatar_file_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "file_workspace_id_id_key" ON "file" USING btree ("workspace_id","id");--> statement-breakpoint
ALTER TABLE "user" ADD CONSTRAINT "user_avatar_both_or_neither" CHECK (("user"."avatar_workspace_id" is null) = ("user"."avatar_file_id" is null));