CREATE TABLE `device_inventory` (
	`device_id` integer PRIMARY KEY NOT NULL,
	`inventory` text NOT NULL,
	`received_at` integer NOT NULL,
	`source` text NOT NULL,
	FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `devices` ADD `dialect` text DEFAULT 'native' NOT NULL;