CREATE TABLE `lwm2m_known_values` (
	`device_id` integer NOT NULL,
	`path` text NOT NULL,
	`value` text NOT NULL,
	`type` text NOT NULL,
	`at` integer NOT NULL,
	`source` text NOT NULL,
	PRIMARY KEY(`device_id`, `path`),
	FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `lwm2m_last_objects` (
	`device_id` integer PRIMARY KEY NOT NULL,
	`objects` text NOT NULL,
	`version` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `lwm2m_observations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`device_id` integer NOT NULL,
	`paths_key` text NOT NULL,
	`paths` text NOT NULL,
	`composite` integer NOT NULL,
	`created_at` integer NOT NULL,
	`state` text NOT NULL,
	`last_notification_at` integer,
	FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lwm2m_observations_device_paths` ON `lwm2m_observations` (`device_id`,`paths_key`);