CREATE TABLE `lwm2m_registrations` (
	`device_id` integer PRIMARY KEY NOT NULL,
	`registration_id` text NOT NULL,
	`address` text NOT NULL,
	`port` integer NOT NULL,
	`lifetime_sec` integer NOT NULL,
	`binding` text NOT NULL,
	`queue_mode` integer NOT NULL,
	`version` text NOT NULL,
	`root_path` text NOT NULL,
	`content_formats` text NOT NULL,
	`object_links` text NOT NULL,
	`registered_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lwm2m_registrations_registration_id_unique` ON `lwm2m_registrations` (`registration_id`);--> statement-breakpoint
CREATE INDEX `lwm2m_registrations_expires` ON `lwm2m_registrations` (`expires_at`);--> statement-breakpoint
ALTER TABLE `devices` ADD `pending` integer DEFAULT false NOT NULL;