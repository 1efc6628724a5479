namespace RelationshipKit.Tests.Cli;

public sealed class ProgramTests
{
    [Fact]
    public void Run_NoVerb_ExitsWith2AndPointsToHelp()
    {
        CliResult result = CliHarness.Run();
        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain("relkit --help");
    }

    [Fact]
    public void Run_UnknownVerb_ExitsWith2()
    {
        CliResult result = CliHarness.Run("summarise-everything");
        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain("summarise-everything");
    }

    [Fact]
    public void Run_Help_ListsTheVerbsAndExitCodes()
    {
        CliResult result = CliHarness.Run("--help");
        result.ExitCode.Should().Be(0);
        result.Stdout.Should().Contain("summarize").And.Contain("simulate").And.Contain("Exit codes");
    }

    [Fact]
    public void CreateRootCommand_HasOneSubcommandPerVerb()
    {
        RelationshipKit.Cli.Program.CreateRootCommand().Subcommands.Select(c => c.Name).Should().Contain(["summarize", "simulate"]);
    }
}
