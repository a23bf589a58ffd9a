-- the operations table was reserved and never written: it is rebuilt whole, so that batch_id gets its ON DELETE rule
DROP TABLE `operations`;
--> statement-breakpoint
CREATE TABLE `operation_batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`args` text,
	`target` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `operations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`device_id` integer NOT NULL,
	`kind` text NOT NULL,
	`args` text,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`max_attempts` integer DEFAULT 3 NOT NULL,
	`reply_timeout_ms` integer DEFAULT 60000 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`sent_at` integer,
	`finished_at` integer,
	`expires_at` integer,
	`result` text,
	`error` text,
	`progress` text,
	`created_by` text,
	`retry_of` integer,
	`batch_id` integer,
	FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`batch_id`) REFERENCES `operation_batches`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `operations_device_state` ON `operations` (`device_id`,`state`);
--> statement-breakpoint
CREATE INDEX `operations_state` ON `operations` (`state`);
--> statement-breakpoint
CREATE INDEX `operations_batch` ON `operations` (`batch_id`);
--> statement-breakpoint
CREATE TABLE `operation_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`operation_id` integer NOT NULL,
	`ts` integer NOT NULL,
	`type` text NOT NULL,
	`state` text,
	`detail` text,
	FOREIGN KEY (`operation_id`) REFERENCES `operations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `operation_history_operation` ON `operation_history` (`operation_id`,`id`);
