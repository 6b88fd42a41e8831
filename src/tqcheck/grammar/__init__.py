"""Grammar and spelling through LanguageTool: provisioning, the server, the client and finding mapping."""
