ALTER TABLE `devices` ADD `offline_cause` text;--> statement-breakpoint
ALTER TABLE `devices` ADD `will_sent` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `devices` ADD `status_payload` text;--> statement-breakpoint
ALTER TABLE `devices` ADD `status_payload_ts` integer;--> statement-breakpoint
ALTER TABLE `devices` ADD `expected_interval_sec` integer;