"""A local IBM Cloud Object Storage stack: moto's S3 server behind IBM's IAM, endpoints,
Key Protect, firewall and Resource Configuration layer. See README.md."""
