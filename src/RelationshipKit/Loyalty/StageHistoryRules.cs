namespace RelationshipKit.Loyalty;

/// <summary>Argument checks shared by the stage history stores.</summary>
internal static class StageHistoryRules
{
    public static void CheckCustomer(CustomerId customerId)
    {
        if (customerId.IsEmpty)
        {
            throw new ArgumentException("The customer id is the default value.", nameof(customerId));
        }
    }

    public static void CheckModel(string modelName)
    {
        ArgumentNullException.ThrowIfNull(modelName);
        if (!Stage.IsValidName(modelName))
        {
            throw new ArgumentException($"'{modelName}' is not a valid model name.", nameof(modelName));
        }
    }

    public static void CheckTransition(in StageTransition transition)
    {
        if (transition.ModelName is null)
        {
            throw new ArgumentException("The transition is the default value.", nameof(transition));
        }
    }
}
