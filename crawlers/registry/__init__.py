"""The registry of health commissions: division codes, the national register's downloads, first contact."""
