//! What a CI user installs feedwright with: the composite action (`action.yml`), the workflow to
//! copy (`examples/github-actions/feeds.yml`) and the `Dockerfile` hold the keys their runners
//! require and the commands the README gives, and the workflow's feedwright steps pass on the
//! demo site as written.

use serde_json::Value;

use crate::harness::{repo, Site};

/// A YAML file of the repository, as JSON values.
fn yaml(rel: &str) -> Value {
    let text = std::fs::read_to_string(repo().join(rel)).unwrap();
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{rel} is not YAML: {e}"))
}

/// The README's text.
fn readme() -> String {
    std::fs::read_to_string(repo().join("README.md")).unwrap()
}

/// The `run` text of every step of `steps`.
fn runs(steps: &Value) -> Vec<String> {
    let steps = steps.as_array().expect("steps is a list");
    steps
        .iter()
        .filter_map(|s| s["run"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn the_action_is_a_composite_action_with_described_inputs_that_installs_as_the_readme_says() {
    let action = yaml("action.yml");
    for key in ["name", "description"] {
        assert!(action[key].is_string(), "action.yml needs {key}");
    }
    assert_eq!(action["runs"]["using"], "composite");
    for step in action["runs"]["steps"].as_array().unwrap() {
        // A composite action's run steps must name their shell.
        if step.get("run").is_some() {
            assert!(step["shell"].is_string(), "{step}");
        }
    }
    let inputs = action["inputs"].as_object().unwrap();
    for name in ["command", "config", "now"] {
        assert!(inputs[name]["description"].is_string(), "input {name}");
    }
    assert_eq!(inputs["command"]["default"], "build");
    assert_eq!(inputs["config"]["default"], "feeds.toml");
    let install = &runs(&action["runs"]["steps"])[0];
    assert!(
        install.starts_with("cargo install --locked --path "),
        "{install}"
    );
    assert!(readme().contains("cargo install --locked --path ."));
}

#[test]
fn the_workflow_has_what_github_requires_and_its_feedwright_steps_pass_on_the_demo() {
    let workflow = yaml("examples/github-actions/feeds.yml");
    assert!(workflow["name"].is_string());
    assert!(workflow["on"].is_object(), "a workflow needs `on`");
    let jobs = workflow["jobs"].as_object().unwrap();
    assert!(!jobs.is_empty());
    let mut commands = Vec::new();
    for job in jobs.values() {
        assert!(job["runs-on"].is_string(), "every job needs runs-on");
        for step in job["steps"].as_array().unwrap() {
            assert!(
                step.get("uses").is_some() != step.get("run").is_some(),
                "{step}"
            );
        }
        commands.extend(runs(&job["steps"]));
    }
    let install = commands
        .iter()
        .find(|c| c.starts_with("cargo install"))
        .unwrap();
    assert!(
        install.starts_with("cargo install --locked --git "),
        "{install}"
    );
    assert!(
        readme().contains(install.as_str()),
        "the README installs the same way"
    );
    // Every feedwright step, as written, on a copy of the demo site (its feeds.lock committed).
    let site = Site::demo();
    let steps: Vec<&String> = commands
        .iter()
        .filter(|c| c.starts_with("feedwright "))
        .collect();
    assert_eq!(steps.len(), 3, "{steps:?}");
    for command in steps {
        let args: Vec<&str> = command.split_whitespace().skip(1).collect();
        site.run(args)
            .env("SOURCE_DATE_EPOCH", "1795478400") // NOW, as the golden demo is built
            .success();
    }
    assert!(site.path("public/rss.xml").exists());
}

#[test]
fn the_dockerfile_builds_in_one_stage_with_the_readme_command_and_keeps_only_the_binary() {
    let text = std::fs::read_to_string(repo().join("Dockerfile")).unwrap();
    let from: Vec<&str> = text.lines().filter(|l| l.starts_with("FROM ")).collect();
    assert_eq!(from.len(), 2, "two stages: {from:?}");
    assert!(from[0].ends_with(" AS build"), "{from:?}");
    assert!(text.contains("RUN cargo install --locked --path . --root /out"));
    assert!(text.contains("COPY --from=build /out/bin/feedwright /usr/local/bin/feedwright"));
    assert!(text.contains("ENTRYPOINT [\"feedwright\"]"));
    // hadolint, where it is installed (it is not a Debian package): no warning.
    if let Ok(out) = std::process::Command::new("hadolint")
        .arg(repo().join("Dockerfile"))
        .output()
    {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}
