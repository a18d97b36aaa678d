//! Class 7: a config that would turn the tool on itself (output in the articles folder, a feed over the config, a file where a folder must be) is an error at load time.
