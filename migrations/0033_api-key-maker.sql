ALTER TABLE "api_key" DROP CONSTRAINT "api_key_created_by_user_id_fk";
--> statement-breakpoint
ALTER TABLE "api_key" ALTER COLUMN "created_by" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "api_key" ADD CONSTRAINT "api_key_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;