DROP TABLE IF EXISTS schedule_leases;
