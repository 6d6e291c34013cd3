"""低保 case-page section: the clock, the assessment, the public notice, objections and the extension."""
