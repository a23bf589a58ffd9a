CREATE TABLE `broker_incoming` (
	`client_id` text NOT NULL,
	`message_id` integer NOT NULL,
	`fields` text NOT NULL,
	`payload` blob,
	PRIMARY KEY(`client_id`, `message_id`)
);
--> statement-breakpoint
CREATE TABLE `broker_outgoing` (
	`id` integer PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`broker_id` text,
	`broker_counter` integer,
	`message_id` integer,
	`fields` text NOT NULL,
	`payload` blob
);
--> statement-breakpoint
CREATE INDEX `broker_outgoing_client` ON `broker_outgoing` (`client_id`,`id`);--> statement-breakpoint
CREATE INDEX `broker_outgoing_counter` ON `broker_outgoing` (`client_id`,`broker_id`,`broker_counter`);--> statement-breakpoint
CREATE INDEX `broker_outgoing_message` ON `broker_outgoing` (`client_id`,`message_id`);--> statement-breakpoint
CREATE TABLE `broker_retained` (
	`topic` text PRIMARY KEY NOT NULL,
	`fields` text NOT NULL,
	`payload` blob
);
--> statement-breakpoint
CREATE TABLE `broker_subscriptions` (
	`client_id` text NOT NULL,
	`topic` text NOT NULL,
	`qos` integer NOT NULL,
	`options` text NOT NULL,
	PRIMARY KEY(`client_id`, `topic`)
);
--> statement-breakpoint
CREATE TABLE `broker_wills` (
	`client_id` text PRIMARY KEY NOT NULL,
	`broker_id` text NOT NULL,
	`fields` text NOT NULL,
	`payload` blob
);
